
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
            [CompletionResult]::new('users', 'users', [CompletionResultType]::ParameterValue, 'List, count and delete users')
            [CompletionResult]::new('aliases', 'aliases', [CompletionResultType]::ParameterValue, 'List and replace the aliases a user can sign in with')
            [CompletionResult]::new('credentials', 'credentials', [CompletionResultType]::ParameterValue, 'List and delete users'' passkeys')
            [CompletionResult]::new('magic-link', 'magic-link', [CompletionResultType]::ParameterValue, 'Send sign-in links by e-mail')
            [CompletionResult]::new('app', 'app', [CompletionResultType]::ParameterValue, 'Change the application''s features (magic links, generated tokens, event log retention)')
            [CompletionResult]::new('auth-configs', 'auth-configs', [CompletionResultType]::ParameterValue, 'Manage authentication configurations: per-purpose token lifetime and user verification')
            [CompletionResult]::new('authenticators', 'authenticators', [CompletionResultType]::ParameterValue, 'Manage the authenticator allow and deny lists (by AAGUID)')
            [CompletionResult]::new('events', 'events', [CompletionResultType]::ParameterValue, 'Read the application''s event log')
            [CompletionResult]::new('reports', 'reports', [CompletionResultType]::ParameterValue, 'Periodic reports: credentials and active users per day')
            [CompletionResult]::new('admin', 'admin', [CompletionResultType]::ParameterValue, 'Operate a server with its management key: apps, API keys, features, deletion, health')
            [CompletionResult]::new('api', 'api', [CompletionResultType]::ParameterValue, 'Send an authenticated request to any API path and print the JSON answer')
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
        'passwordless;users' {
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
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List users: everyone with a passkey or an alias (GET /users/list)')
            [CompletionResult]::new('count', 'count', [CompletionResultType]::ParameterValue, 'Count users with at least one passkey (GET /users/count)')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a user with all their passkeys and aliases (POST /users/delete)')
            break
        }
        'passwordless;users;list' {
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
        'passwordless;users;count' {
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
        'passwordless;users;delete' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Configuration profile to use [default: default]')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'Base URL of the Passwordless.dev API [default: https://v4.passwordless.dev]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up on a request after this long, e.g. `10s`, `2m` or plain seconds')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do it without asking (required when stdin is not a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do it without asking (required when stdin is not a terminal)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s JSON instead of a table (errors become JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the token or id, for use in `$(...)`')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the token or id, for use in `$(...)`')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace each HTTP request and response on stderr (secrets masked)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace each HTTP request and response on stderr (secrets masked)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'passwordless;aliases' {
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
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List a user''s aliases (GET /alias/list); hashed aliases show only their hash')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Replace a user''s aliases (POST /alias); with no --alias, remove them all')
            break
        }
        'passwordless;aliases;list' {
            [CompletionResult]::new('--user-id', '--user-id', [CompletionResultType]::ParameterName, 'The user')
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
        'passwordless;aliases;set' {
            [CompletionResult]::new('--user-id', '--user-id', [CompletionResultType]::ParameterName, 'The user')
            [CompletionResult]::new('--alias', '--alias', [CompletionResultType]::ParameterName, 'An alias (repeat for more; at most 10, 250 characters each)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Configuration profile to use [default: default]')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'Base URL of the Passwordless.dev API [default: https://v4.passwordless.dev]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up on a request after this long, e.g. `10s`, `2m` or plain seconds')
            [CompletionResult]::new('--no-hashing', '--no-hashing', [CompletionResultType]::ParameterName, 'Store the aliases in plain text so they can be listed back')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do it without asking (required when stdin is not a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do it without asking (required when stdin is not a terminal)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s JSON instead of a table (errors become JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the token or id, for use in `$(...)`')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the token or id, for use in `$(...)`')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace each HTTP request and response on stderr (secrets masked)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace each HTTP request and response on stderr (secrets masked)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'passwordless;credentials' {
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
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List a user''s passkeys (GET /credentials/list)')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a passkey (POST /credentials/delete)')
            break
        }
        'passwordless;credentials;list' {
            [CompletionResult]::new('--user-id', '--user-id', [CompletionResultType]::ParameterName, 'The user')
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
        'passwordless;credentials;delete' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Configuration profile to use [default: default]')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'Base URL of the Passwordless.dev API [default: https://v4.passwordless.dev]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up on a request after this long, e.g. `10s`, `2m` or plain seconds')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do it without asking (required when stdin is not a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do it without asking (required when stdin is not a terminal)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s JSON instead of a table (errors become JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the token or id, for use in `$(...)`')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the token or id, for use in `$(...)`')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace each HTTP request and response on stderr (secrets masked)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace each HTTP request and response on stderr (secrets masked)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'passwordless;magic-link' {
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
            [CompletionResult]::new('send', 'send', [CompletionResultType]::ParameterValue, 'E-mail a sign-in link (POST /magic-links/send); never retried, since each call sends mail')
            break
        }
        'passwordless;magic-link;send' {
            [CompletionResult]::new('--email', '--email', [CompletionResultType]::ParameterName, 'Recipient address')
            [CompletionResult]::new('--url-template', '--url-template', [CompletionResultType]::ParameterName, 'Link to send; `$TOKEN` is replaced by the sign-in token')
            [CompletionResult]::new('--user-id', '--user-id', [CompletionResultType]::ParameterName, 'The user the link signs in')
            [CompletionResult]::new('--ttl', '--ttl', [CompletionResultType]::ParameterName, 'Token lifetime, 1 second to 7 days [default: 1 hour]')
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
        'passwordless;app' {
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
            [CompletionResult]::new('features', 'features', [CompletionResultType]::ParameterValue, 'Features of the application that the API secret may change (POST /apps/features)')
            break
        }
        'passwordless;app;features' {
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
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Turn features on or off; unnamed features stay as they are. Reading them needs `admin apps features` (the API secret has no read route)')
            break
        }
        'passwordless;app;features;set' {
            [CompletionResult]::new('--magic-links', '--magic-links', [CompletionResultType]::ParameterName, 'Allow `magic-link send`')
            [CompletionResult]::new('--generated-tokens', '--generated-tokens', [CompletionResultType]::ParameterName, 'Allow `signin-token` (POST /signin/generate-token)')
            [CompletionResult]::new('--event-log-retention', '--event-log-retention', [CompletionResultType]::ParameterName, 'Days to keep the event log, 0 to 90')
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
        'passwordless;auth-configs' {
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
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List configurations, with the built-in `sign-in` and `step-up` (GET /auth-configs/list)')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a configuration for a new purpose (POST /auth-configs/add)')
            [CompletionResult]::new('update', 'update', [CompletionResultType]::ParameterValue, 'Change a configuration (POST /auth-configs)')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a configuration (POST /auth-configs/delete); built-in ones cannot be deleted')
            break
        }
        'passwordless;auth-configs;list' {
            [CompletionResult]::new('--purpose', '--purpose', [CompletionResultType]::ParameterName, 'Only this purpose')
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
        'passwordless;auth-configs;add' {
            [CompletionResult]::new('--purpose', '--purpose', [CompletionResultType]::ParameterName, 'The purpose: letters, digits, `-` and `_`, up to 255')
            [CompletionResult]::new('--user-verification', '--user-verification', [CompletionResultType]::ParameterName, 'User verification for sign-ins with this purpose [default: preferred]')
            [CompletionResult]::new('--ttl', '--ttl', [CompletionResultType]::ParameterName, 'Lifetime of the verify tokens it issues, e.g. `2m`, `1h` [default: 2 minutes]')
            [CompletionResult]::new('--hint', '--hint', [CompletionResultType]::ParameterName, 'A hint for the browser''s passkey dialog (repeat for more)')
            [CompletionResult]::new('--performed-by', '--performed-by', [CompletionResultType]::ParameterName, 'Who made the change, recorded by the server [default: passwordless-cli]')
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
        'passwordless;auth-configs;update' {
            [CompletionResult]::new('--purpose', '--purpose', [CompletionResultType]::ParameterName, 'The purpose: letters, digits, `-` and `_`, up to 255')
            [CompletionResult]::new('--user-verification', '--user-verification', [CompletionResultType]::ParameterName, 'User verification for sign-ins with this purpose [default: preferred]')
            [CompletionResult]::new('--ttl', '--ttl', [CompletionResultType]::ParameterName, 'Lifetime of the verify tokens it issues, e.g. `2m`, `1h` [default: 2 minutes]')
            [CompletionResult]::new('--hint', '--hint', [CompletionResultType]::ParameterName, 'A hint for the browser''s passkey dialog (repeat for more)')
            [CompletionResult]::new('--performed-by', '--performed-by', [CompletionResultType]::ParameterName, 'Who made the change, recorded by the server [default: passwordless-cli]')
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
        'passwordless;auth-configs;delete' {
            [CompletionResult]::new('--purpose', '--purpose', [CompletionResultType]::ParameterName, 'purpose')
            [CompletionResult]::new('--performed-by', '--performed-by', [CompletionResultType]::ParameterName, 'Who made the change, recorded by the server')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Configuration profile to use [default: default]')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'Base URL of the Passwordless.dev API [default: https://v4.passwordless.dev]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up on a request after this long, e.g. `10s`, `2m` or plain seconds')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do it without asking (required when stdin is not a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do it without asking (required when stdin is not a terminal)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s JSON instead of a table (errors become JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the token or id, for use in `$(...)`')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the token or id, for use in `$(...)`')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace each HTTP request and response on stderr (secrets masked)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace each HTTP request and response on stderr (secrets masked)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'passwordless;authenticators' {
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
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the allow list, or the deny list with --denied (GET /authenticators/list)')
            [CompletionResult]::new('allow', 'allow', [CompletionResultType]::ParameterValue, 'Add AAGUIDs to the allow list (POST /authenticators/add)')
            [CompletionResult]::new('deny', 'deny', [CompletionResultType]::ParameterValue, 'Add AAGUIDs to the deny list (POST /authenticators/add)')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove AAGUIDs from either list (POST /authenticators/remove)')
            break
        }
        'passwordless;authenticators;list' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Configuration profile to use [default: default]')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'Base URL of the Passwordless.dev API [default: https://v4.passwordless.dev]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up on a request after this long, e.g. `10s`, `2m` or plain seconds')
            [CompletionResult]::new('--denied', '--denied', [CompletionResultType]::ParameterName, 'Show the deny list instead of the allow list')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s JSON instead of a table (errors become JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the token or id, for use in `$(...)`')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the token or id, for use in `$(...)`')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace each HTTP request and response on stderr (secrets masked)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace each HTTP request and response on stderr (secrets masked)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'passwordless;authenticators;allow' {
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
        'passwordless;authenticators;deny' {
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
        'passwordless;authenticators;remove' {
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
        'passwordless;events' {
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
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List events, newest first (GET /events); needs a plan with event logging')
            break
        }
        'passwordless;events;list' {
            [CompletionResult]::new('--page', '--page', [CompletionResultType]::ParameterName, 'Page number, from 1')
            [CompletionResult]::new('--per-page', '--per-page', [CompletionResultType]::ParameterName, 'Events per page, 1 to 1000')
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
        'passwordless;reports' {
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
            [CompletionResult]::new('credentials', 'credentials', [CompletionResultType]::ParameterValue, 'Users and credentials per day (GET /reporting/credentials/periodic)')
            [CompletionResult]::new('active-users', 'active-users', [CompletionResultType]::ParameterValue, 'Daily and weekly active users (GET /reporting/active-users/periodic)')
            break
        }
        'passwordless;reports;credentials' {
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'First day, YYYY-MM-DD (inclusive)')
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'Last day, YYYY-MM-DD (inclusive)')
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
        'passwordless;reports;active-users' {
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'First day, YYYY-MM-DD (inclusive)')
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'Last day, YYYY-MM-DD (inclusive)')
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
        'passwordless;admin' {
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
            [CompletionResult]::new('apps', 'apps', [CompletionResultType]::ParameterValue, 'Create, inspect, freeze and delete applications')
            [CompletionResult]::new('api-keys', 'api-keys', [CompletionResultType]::ParameterValue, 'List, create, lock, unlock and delete an application''s API keys')
            [CompletionResult]::new('health', 'health', [CompletionResultType]::ParameterValue, 'Check the server''s health (anonymous /health routes)')
            break
        }
        'passwordless;admin;apps' {
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
            [CompletionResult]::new('available', 'available', [CompletionResultType]::ParameterValue, 'Whether an application id is free')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create an application and print its keys (secrets masked unless --reveal)')
            [CompletionResult]::new('freeze', 'freeze', [CompletionResultType]::ParameterValue, 'Lock all of an application''s keys')
            [CompletionResult]::new('unfreeze', 'unfreeze', [CompletionResultType]::ParameterValue, 'Unlock all of an application''s keys')
            [CompletionResult]::new('features', 'features', [CompletionResultType]::ParameterValue, 'Show an application''s features and plan limits')
            [CompletionResult]::new('set-features', 'set-features', [CompletionResultType]::ParameterValue, 'Change an application''s features; unnamed ones stay as they are')
            [CompletionResult]::new('can-delete', 'can-delete', [CompletionResultType]::ParameterValue, 'Whether an application can be deleted at once')
            [CompletionResult]::new('mark-delete', 'mark-delete', [CompletionResultType]::ParameterValue, 'Schedule an application for deletion')
            [CompletionResult]::new('cancel-delete', 'cancel-delete', [CompletionResultType]::ParameterValue, 'Cancel a scheduled deletion')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete an application that is scheduled for deletion')
            [CompletionResult]::new('pending-deletion', 'pending-deletion', [CompletionResultType]::ParameterValue, 'List applications scheduled for deletion')
            break
        }
        'passwordless;admin;apps;available' {
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
        'passwordless;admin;apps;create' {
            [CompletionResult]::new('--admin-email', '--admin-email', [CompletionResultType]::ParameterName, 'Administrator e-mail')
            [CompletionResult]::new('--event-log-retention', '--event-log-retention', [CompletionResultType]::ParameterName, 'Days to keep events')
            [CompletionResult]::new('--magic-link-quota', '--magic-link-quota', [CompletionResultType]::ParameterName, 'Magic-link e-mails allowed per month')
            [CompletionResult]::new('--max-users', '--max-users', [CompletionResultType]::ParameterName, 'Most users the app may have')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Configuration profile to use [default: default]')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'Base URL of the Passwordless.dev API [default: https://v4.passwordless.dev]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up on a request after this long, e.g. `10s`, `2m` or plain seconds')
            [CompletionResult]::new('--event-logging', '--event-logging', [CompletionResultType]::ParameterName, 'Turn the event log on')
            [CompletionResult]::new('--allow-attestation', '--allow-attestation', [CompletionResultType]::ParameterName, 'Allow attestation and authenticator allow/deny lists')
            [CompletionResult]::new('--reveal', '--reveal', [CompletionResultType]::ParameterName, 'Print the new secrets in full (they are shown only this once)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s JSON instead of a table (errors become JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the token or id, for use in `$(...)`')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the token or id, for use in `$(...)`')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace each HTTP request and response on stderr (secrets masked)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace each HTTP request and response on stderr (secrets masked)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'passwordless;admin;apps;freeze' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Configuration profile to use [default: default]')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'Base URL of the Passwordless.dev API [default: https://v4.passwordless.dev]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up on a request after this long, e.g. `10s`, `2m` or plain seconds')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do it without asking (required when stdin is not a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do it without asking (required when stdin is not a terminal)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s JSON instead of a table (errors become JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the token or id, for use in `$(...)`')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the token or id, for use in `$(...)`')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace each HTTP request and response on stderr (secrets masked)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace each HTTP request and response on stderr (secrets masked)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'passwordless;admin;apps;unfreeze' {
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
        'passwordless;admin;apps;features' {
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
        'passwordless;admin;apps;set-features' {
            [CompletionResult]::new('--event-logging', '--event-logging', [CompletionResultType]::ParameterName, 'event-logging')
            [CompletionResult]::new('--event-log-retention', '--event-log-retention', [CompletionResultType]::ParameterName, 'event-log-retention')
            [CompletionResult]::new('--magic-link-quota', '--magic-link-quota', [CompletionResultType]::ParameterName, 'magic-link-quota')
            [CompletionResult]::new('--max-users', '--max-users', [CompletionResultType]::ParameterName, 'Most users the app may have; 0 removes the limit')
            [CompletionResult]::new('--attestation', '--attestation', [CompletionResultType]::ParameterName, 'attestation')
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
        'passwordless;admin;apps;can-delete' {
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
        'passwordless;admin;apps;mark-delete' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Configuration profile to use [default: default]')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'Base URL of the Passwordless.dev API [default: https://v4.passwordless.dev]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up on a request after this long, e.g. `10s`, `2m` or plain seconds')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do it without asking (required when stdin is not a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do it without asking (required when stdin is not a terminal)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s JSON instead of a table (errors become JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the token or id, for use in `$(...)`')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the token or id, for use in `$(...)`')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace each HTTP request and response on stderr (secrets masked)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace each HTTP request and response on stderr (secrets masked)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'passwordless;admin;apps;cancel-delete' {
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
        'passwordless;admin;apps;delete' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Configuration profile to use [default: default]')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'Base URL of the Passwordless.dev API [default: https://v4.passwordless.dev]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up on a request after this long, e.g. `10s`, `2m` or plain seconds')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do it without asking (required when stdin is not a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do it without asking (required when stdin is not a terminal)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s JSON instead of a table (errors become JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the token or id, for use in `$(...)`')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the token or id, for use in `$(...)`')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace each HTTP request and response on stderr (secrets masked)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace each HTTP request and response on stderr (secrets masked)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'passwordless;admin;apps;pending-deletion' {
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
        'passwordless;admin;api-keys' {
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
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List an application''s keys (secrets are masked by the server)')
            [CompletionResult]::new('create-public', 'create-public', [CompletionResultType]::ParameterValue, 'Create a public key [scopes default: register, login]')
            [CompletionResult]::new('create-secret', 'create-secret', [CompletionResultType]::ParameterValue, 'Create a secret key [scopes default: token_register, token_verify]')
            [CompletionResult]::new('lock', 'lock', [CompletionResultType]::ParameterValue, 'Lock a key: requests with it fail until unlocked')
            [CompletionResult]::new('unlock', 'unlock', [CompletionResultType]::ParameterValue, 'Unlock a key')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a key for good')
            break
        }
        'passwordless;admin;api-keys;list' {
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
        'passwordless;admin;api-keys;create-public' {
            [CompletionResult]::new('--scope', '--scope', [CompletionResultType]::ParameterName, 'scope')
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
        'passwordless;admin;api-keys;create-secret' {
            [CompletionResult]::new('--scope', '--scope', [CompletionResultType]::ParameterName, 'scope')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Configuration profile to use [default: default]')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'Base URL of the Passwordless.dev API [default: https://v4.passwordless.dev]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up on a request after this long, e.g. `10s`, `2m` or plain seconds')
            [CompletionResult]::new('--reveal', '--reveal', [CompletionResultType]::ParameterName, 'Print the new secret in full (it is shown only this once)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s JSON instead of a table (errors become JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the token or id, for use in `$(...)`')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the token or id, for use in `$(...)`')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace each HTTP request and response on stderr (secrets masked)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace each HTTP request and response on stderr (secrets masked)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'passwordless;admin;api-keys;lock' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Configuration profile to use [default: default]')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'Base URL of the Passwordless.dev API [default: https://v4.passwordless.dev]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up on a request after this long, e.g. `10s`, `2m` or plain seconds')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do it without asking (required when stdin is not a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do it without asking (required when stdin is not a terminal)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s JSON instead of a table (errors become JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the token or id, for use in `$(...)`')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the token or id, for use in `$(...)`')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace each HTTP request and response on stderr (secrets masked)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace each HTTP request and response on stderr (secrets masked)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'passwordless;admin;api-keys;unlock' {
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
        'passwordless;admin;api-keys;delete' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Configuration profile to use [default: default]')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'Base URL of the Passwordless.dev API [default: https://v4.passwordless.dev]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up on a request after this long, e.g. `10s`, `2m` or plain seconds')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do it without asking (required when stdin is not a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do it without asking (required when stdin is not a terminal)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s JSON instead of a table (errors become JSON on stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the token or id, for use in `$(...)`')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the token or id, for use in `$(...)`')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace each HTTP request and response on stderr (secrets masked)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace each HTTP request and response on stderr (secrets masked)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'passwordless;admin;health' {
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
        'passwordless;api' {
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'JSON body: inline, `@FILE`, or `-` for stdin')
            [CompletionResult]::new('--data', '--data', [CompletionResultType]::ParameterName, 'JSON body: inline, `@FILE`, or `-` for stdin')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Configuration profile to use [default: default]')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'Base URL of the Passwordless.dev API [default: https://v4.passwordless.dev]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up on a request after this long, e.g. `10s`, `2m` or plain seconds')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the request that would be sent (credential masked) and send nothing')
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
            [CompletionResult]::new('set-management-key', 'set-management-key', [CompletionResultType]::ParameterValue, 'Store a management key (for `admin` commands) in the OS keyring')
            [CompletionResult]::new('delete-management-key', 'delete-management-key', [CompletionResultType]::ParameterValue, 'Remove the profile''s management key from the OS keyring')
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
        'passwordless;config;set-management-key' {
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
        'passwordless;config;delete-management-key' {
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
            [CompletionResult]::new('--state', '--state', [CompletionResultType]::ParameterName, 'Keep the state in FILE: loaded at start when it exists, saved after every change and on exit')
            [CompletionResult]::new('--secret', '--secret', [CompletionResultType]::ParameterName, 'The development app''s API secret, `<appid>:secret:<32 hex>` (a local dev key, printed at start)')
            [CompletionResult]::new('--public-key', '--public-key', [CompletionResultType]::ParameterName, 'The development app''s public API key, `<appid>:public:<32 hex>`, same app id as the secret')
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
            [CompletionResult]::new('fault', 'fault', [CompletionResultType]::ParameterValue, 'Make a running emulator fail chosen requests (add, list, clear)')
            [CompletionResult]::new('outbox', 'outbox', [CompletionResultType]::ParameterValue, 'List the magic-link e-mails a running emulator has "sent"')
            [CompletionResult]::new('state', 'state', [CompletionResultType]::ParameterValue, 'Print the whole state of a running emulator as JSON (secrets masked)')
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
        'passwordless;emulator;fault' {
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
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Fail requests to PATH with STATUS, after an optional delay, COUNT times or forever')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the fault rules')
            [CompletionResult]::new('clear', 'clear', [CompletionResultType]::ParameterValue, 'Remove every fault rule')
            break
        }
        'passwordless;emulator;fault;add' {
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'URL of the running emulator')
            [CompletionResult]::new('--path', '--path', [CompletionResultType]::ParameterName, 'Request path to match, e.g. /signin/verify (case-insensitive)')
            [CompletionResult]::new('--status', '--status', [CompletionResultType]::ParameterName, 'HTTP status to answer with')
            [CompletionResult]::new('--method', '--method', [CompletionResultType]::ParameterName, 'Only match this HTTP method (default: any)')
            [CompletionResult]::new('--count', '--count', [CompletionResultType]::ParameterName, 'Fail this many requests, then stop (default: forever)')
            [CompletionResult]::new('--delay', '--delay', [CompletionResultType]::ParameterName, 'Wait this long before answering, e.g. 500ms or 2s')
            [CompletionResult]::new('--body', '--body', [CompletionResultType]::ParameterName, 'JSON body to answer with (default: a problem-details body for error statuses)')
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
        'passwordless;emulator;fault;list' {
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'URL of the running emulator')
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
        'passwordless;emulator;fault;clear' {
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'URL of the running emulator')
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
        'passwordless;emulator;outbox' {
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'URL of the running emulator')
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
        'passwordless;emulator;state' {
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'URL of the running emulator')
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
