
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'passwordless' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'passwordless'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'passwordless' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Configuration profile to use [default: default]')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'Base URL of the Passwordless.dev API [default: https://v4.passwordless.dev]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up on a request after this long, e.g. `10s`, `2m` or plain seconds')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s JSON instead of a table (errors become JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the token or id, for use in `$(...)`')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the token or id, for use in `$(...)`')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace each HTTP request and response on stderr (secrets masked)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace each HTTP request and response on stderr (secrets masked)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('register-token', 'register-token', [CompletionResultType]::ParameterValue, 'Create a registration token for a user (POST /register/token)')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Verify a sign-in token and show who signed in (POST /signin/verify)')
            [CompletionResult]::new('signin-token', 'signin-token', [CompletionResultType]::ParameterValue, 'Create a sign-in token for a user without a passkey (POST /signin/generate-token)')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Show and change profiles, the base URL and the stored API secret')
            [CompletionResult]::new('emulator', 'emulator', [CompletionResultType]::ParameterValue, 'Run a local emulator of the Passwordless.dev API')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Write the man pages (passwordless.1 and one per subcommand)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print help for a command, or a topic: `environment`, `exit-codes`')
            break
        }
        'passwordless;register-token' {
            [CompletionResult]::new('--user-id', '--user-id', [CompletionResultType]::ParameterName, 'Your id for the user (the WebAuthn user handle; keep it free of personal data)')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'Name shown by the authenticator when choosing a passkey [default: the user id]')
            [CompletionResult]::new('--display-name', '--display-name', [CompletionResultType]::ParameterName, 'Friendlier name for the user [default: the username]')
            [CompletionResult]::new('--alias', '--alias', [CompletionResultType]::ParameterName, 'An alias the user can sign in with (repeat for more; at most 10, 250 characters each)')
            [CompletionResult]::new('--discoverable', '--discoverable', [CompletionResultType]::ParameterName, 'Whether the passkey is discoverable (usable without typing a username) [default: true]')
            [CompletionResult]::new('--attestation', '--attestation', [CompletionResultType]::ParameterName, 'Attestation to request; direct and indirect need a plan that allows attestation [default: none]')
            [CompletionResult]::new('--authenticator-type', '--authenticator-type', [CompletionResultType]::ParameterName, 'Kind of authenticator allowed [default: any]')
            [CompletionResult]::new('--user-verification', '--user-verification', [CompletionResultType]::ParameterName, 'Whether the authenticator must verify the user (PIN, biometrics) [default: preferred]')
            [CompletionResult]::new('--hint', '--hint', [CompletionResultType]::ParameterName, 'A hint for the browser''s passkey dialog (repeat for more; at most 3)')
            [CompletionResult]::new('--expires-in', '--expires-in', [CompletionResultType]::ParameterName, 'Token lifetime, e.g. `90s`, `10m`, `24h` [default: the server''s 120 seconds]')
            [CompletionResult]::new('--expires-at', '--expires-at', [CompletionResultType]::ParameterName, 'Expiry as an RFC 3339 time, e.g. 2030-01-01T12:00:00Z')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Configuration profile to use [default: default]')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'Base URL of the Passwordless.dev API [default: https://v4.passwordless.dev]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up on a request after this long, e.g. `10s`, `2m` or plain seconds')
            [CompletionResult]::new('--no-alias-hashing', '--no-alias-hashing', [CompletionResultType]::ParameterName, 'Store aliases in plain text instead of hashed, so they can be listed back')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s JSON instead of a table (errors become JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the token or id, for use in `$(...)`')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the token or id, for use in `$(...)`')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace each HTTP request and response on stderr (secrets masked)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace each HTTP request and response on stderr (secrets masked)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'passwordless;verify' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Configuration profile to use [default: default]')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'Base URL of the Passwordless.dev API [default: https://v4.passwordless.dev]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up on a request after this long, e.g. `10s`, `2m` or plain seconds')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s JSON instead of a table (errors become JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the token or id, for use in `$(...)`')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the token or id, for use in `$(...)`')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace each HTTP request and response on stderr (secrets masked)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace each HTTP request and response on stderr (secrets masked)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'passwordless;signin-token' {
            [CompletionResult]::new('--user-id', '--user-id', [CompletionResultType]::ParameterName, 'The user to sign in')
            [CompletionResult]::new('--ttl', '--ttl', [CompletionResultType]::ParameterName, 'Token lifetime, 1 second to 7 days, e.g. `30s`, `10m` [default: 120 seconds]')
            [CompletionResult]::new('--purpose', '--purpose', [CompletionResultType]::ParameterName, 'Purpose recorded in the token [default: sign-in]')
            [CompletionResult]::new('--rp-id', '--rp-id', [CompletionResultType]::ParameterName, 'Relying-party id recorded in the token, e.g. example.com')
            [CompletionResult]::new('--origin', '--origin', [CompletionResultType]::ParameterName, 'Origin recorded in the token, e.g. https://example.com')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Configuration profile to use [default: default]')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'Base URL of the Passwordless.dev API [default: https://v4.passwordless.dev]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up on a request after this long, e.g. `10s`, `2m` or plain seconds')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s JSON instead of a table (errors become JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the token or id, for use in `$(...)`')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the token or id, for use in `$(...)`')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace each HTTP request and response on stderr (secrets masked)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace each HTTP request and response on stderr (secrets masked)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'passwordless;config' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Configuration profile to use [default: default]')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'Base URL of the Passwordless.dev API [default: https://v4.passwordless.dev]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up on a request after this long, e.g. `10s`, `2m` or plain seconds')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s JSON instead of a table (errors become JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the token or id, for use in `$(...)`')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the token or id, for use in `$(...)`')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace each HTTP request and response on stderr (secrets masked)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace each HTTP request and response on stderr (secrets masked)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('set-secret', 'set-secret', [CompletionResultType]::ParameterValue, 'Store the API secret in the OS keyring')
            [CompletionResult]::new('delete-secret', 'delete-secret', [CompletionResultType]::ParameterValue, 'Remove the profile''s API secret from the OS keyring')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show the active profile, base URL and where the secret comes from (masked)')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Set a profile setting: `base-url URL` or `keyring-store secret-service|keyutils|insecure-file`')
            [CompletionResult]::new('unset', 'unset', [CompletionResultType]::ParameterValue, 'Remove a profile setting, going back to its default')
            [CompletionResult]::new('path', 'path', [CompletionResultType]::ParameterValue, 'Print the path of the configuration file')
            break
        }
        'passwordless;config;set-secret' {
            [CompletionResult]::new('--from-file', '--from-file', [CompletionResultType]::ParameterName, 'Read the secret from this file instead of the prompt or stdin')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Configuration profile to use [default: default]')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'Base URL of the Passwordless.dev API [default: https://v4.passwordless.dev]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up on a request after this long, e.g. `10s`, `2m` or plain seconds')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s JSON instead of a table (errors become JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the token or id, for use in `$(...)`')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the token or id, for use in `$(...)`')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace each HTTP request and response on stderr (secrets masked)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace each HTTP request and response on stderr (secrets masked)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'passwordless;config;delete-secret' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Configuration profile to use [default: default]')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'Base URL of the Passwordless.dev API [default: https://v4.passwordless.dev]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up on a request after this long, e.g. `10s`, `2m` or plain seconds')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s JSON instead of a table (errors become JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the token or id, for use in `$(...)`')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the token or id, for use in `$(...)`')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace each HTTP request and response on stderr (secrets masked)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace each HTTP request and response on stderr (secrets masked)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'passwordless;config;show' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Configuration profile to use [default: default]')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'Base URL of the Passwordless.dev API [default: https://v4.passwordless.dev]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up on a request after this long, e.g. `10s`, `2m` or plain seconds')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s JSON instead of a table (errors become JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the token or id, for use in `$(...)`')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the token or id, for use in `$(...)`')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace each HTTP request and response on stderr (secrets masked)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace each HTTP request and response on stderr (secrets masked)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'passwordless;config;set' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Configuration profile to use [default: default]')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'Base URL of the Passwordless.dev API [default: https://v4.passwordless.dev]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up on a request after this long, e.g. `10s`, `2m` or plain seconds')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s JSON instead of a table (errors become JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the token or id, for use in `$(...)`')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the token or id, for use in `$(...)`')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace each HTTP request and response on stderr (secrets masked)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace each HTTP request and response on stderr (secrets masked)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'passwordless;config;unset' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Configuration profile to use [default: default]')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'Base URL of the Passwordless.dev API [default: https://v4.passwordless.dev]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up on a request after this long, e.g. `10s`, `2m` or plain seconds')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s JSON instead of a table (errors become JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the token or id, for use in `$(...)`')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the token or id, for use in `$(...)`')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace each HTTP request and response on stderr (secrets masked)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace each HTTP request and response on stderr (secrets masked)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'passwordless;config;path' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Configuration profile to use [default: default]')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'Base URL of the Passwordless.dev API [default: https://v4.passwordless.dev]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up on a request after this long, e.g. `10s`, `2m` or plain seconds')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s JSON instead of a table (errors become JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the token or id, for use in `$(...)`')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the token or id, for use in `$(...)`')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace each HTTP request and response on stderr (secrets masked)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace each HTTP request and response on stderr (secrets masked)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'passwordless;emulator' {
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Port to listen on (0 picks a free one)')
            [CompletionResult]::new('--bind', '--bind', [CompletionResultType]::ParameterName, 'Address to bind; anything but loopback needs --allow-remote')
            [CompletionResult]::new('--seed', '--seed', [CompletionResultType]::ParameterName, 'Users, aliases and credentials to start from (JSON or TOML)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Configuration profile to use [default: default]')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'Base URL of the Passwordless.dev API [default: https://v4.passwordless.dev]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up on a request after this long, e.g. `10s`, `2m` or plain seconds')
            [CompletionResult]::new('--allow-remote', '--allow-remote', [CompletionResultType]::ParameterName, 'Allow binding a non-loopback address (the dev keys are public: anyone who can reach the port can use them)')
            [CompletionResult]::new('--log', '--log', [CompletionResultType]::ParameterName, 'Log one line per request on stderr: method, path, status, latency')
            [CompletionResult]::new('--deterministic', '--deterministic', [CompletionResultType]::ParameterName, 'Number tokens and trace ids sequentially, for reproducible test output')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s JSON instead of a table (errors become JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the token or id, for use in `$(...)`')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the token or id, for use in `$(...)`')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace each HTTP request and response on stderr (secrets masked)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace each HTTP request and response on stderr (secrets masked)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('exec', 'exec', [CompletionResultType]::ParameterValue, 'Start the emulator on a free port, run CMD against it, stop it, and exit with CMD''s status')
            break
        }
        'passwordless;emulator;exec' {
            [CompletionResult]::new('--seed', '--seed', [CompletionResultType]::ParameterName, 'Users, aliases and credentials to start from (JSON or TOML)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Configuration profile to use [default: default]')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'Base URL of the Passwordless.dev API [default: https://v4.passwordless.dev]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up on a request after this long, e.g. `10s`, `2m` or plain seconds')
            [CompletionResult]::new('--log', '--log', [CompletionResultType]::ParameterName, 'Log one line per request on stderr')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s JSON instead of a table (errors become JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the token or id, for use in `$(...)`')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the token or id, for use in `$(...)`')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace each HTTP request and response on stderr (secrets masked)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace each HTTP request and response on stderr (secrets masked)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'passwordless;completions' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Configuration profile to use [default: default]')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'Base URL of the Passwordless.dev API [default: https://v4.passwordless.dev]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up on a request after this long, e.g. `10s`, `2m` or plain seconds')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s JSON instead of a table (errors become JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the token or id, for use in `$(...)`')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the token or id, for use in `$(...)`')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace each HTTP request and response on stderr (secrets masked)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace each HTTP request and response on stderr (secrets masked)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'passwordless;man' {
            [CompletionResult]::new('--dir', '--dir', [CompletionResultType]::ParameterName, 'Folder to write the pages into (created if missing)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Configuration profile to use [default: default]')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'Base URL of the Passwordless.dev API [default: https://v4.passwordless.dev]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up on a request after this long, e.g. `10s`, `2m` or plain seconds')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s JSON instead of a table (errors become JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the token or id, for use in `$(...)`')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the token or id, for use in `$(...)`')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace each HTTP request and response on stderr (secrets masked)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace each HTTP request and response on stderr (secrets masked)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'passwordless;help' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Configuration profile to use [default: default]')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'Base URL of the Passwordless.dev API [default: https://v4.passwordless.dev]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up on a request after this long, e.g. `10s`, `2m` or plain seconds')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s JSON instead of a table (errors become JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the token or id, for use in `$(...)`')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the token or id, for use in `$(...)`')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace each HTTP request and response on stderr (secrets masked)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace each HTTP request and response on stderr (secrets masked)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
