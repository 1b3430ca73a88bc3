
use builtin;
use str;

set edit:completion:arg-completer[passwordless] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'passwordless'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'passwordless'= {
            cand --profile 'Configuration profile to use [default: default]'
            cand --api-url 'Base URL of the Passwordless.dev API [default: https://v4.passwordless.dev]'
            cand --timeout 'Give up on a request after this long, e.g. `10s`, `2m` or plain seconds'
            cand --json 'Print the API''s JSON instead of a table (errors become JSON on stderr)'
            cand -q 'Print only the token or id, for use in `$(...)`'
            cand --quiet 'Print only the token or id, for use in `$(...)`'
            cand -v 'Trace each HTTP request and response on stderr (secrets masked)'
            cand --verbose 'Trace each HTTP request and response on stderr (secrets masked)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand register-token 'Create a registration token for a user (POST /register/token)'
            cand verify 'Verify a sign-in token and show who signed in (POST /signin/verify)'
            cand signin-token 'Create a sign-in token for a user without a passkey (POST /signin/generate-token)'
            cand config 'Show and change profiles, the base URL and the stored API secret'
            cand emulator 'Run a local emulator of the Passwordless.dev API'
            cand completions 'Print a shell completion script'
            cand man 'Write the man pages (passwordless.1 and one per subcommand)'
            cand help 'Print help for a command, or a topic: `environment`, `exit-codes`'
        }
        &'passwordless;register-token'= {
            cand --user-id 'Your id for the user (the WebAuthn user handle; keep it free of personal data)'
            cand --username 'Name shown by the authenticator when choosing a passkey [default: the user id]'
            cand --display-name 'Friendlier name for the user [default: the username]'
            cand --alias 'An alias the user can sign in with (repeat for more; at most 10, 250 characters each)'
            cand --discoverable 'Whether the passkey is discoverable (usable without typing a username) [default: true]'
            cand --attestation 'Attestation to request; direct and indirect need a plan that allows attestation [default: none]'
            cand --authenticator-type 'Kind of authenticator allowed [default: any]'
            cand --user-verification 'Whether the authenticator must verify the user (PIN, biometrics) [default: preferred]'
            cand --hint 'A hint for the browser''s passkey dialog (repeat for more; at most 3)'
            cand --expires-in 'Token lifetime, e.g. `90s`, `10m`, `24h` [default: the server''s 120 seconds]'
            cand --expires-at 'Expiry as an RFC 3339 time, e.g. 2030-01-01T12:00:00Z'
            cand --profile 'Configuration profile to use [default: default]'
            cand --api-url 'Base URL of the Passwordless.dev API [default: https://v4.passwordless.dev]'
            cand --timeout 'Give up on a request after this long, e.g. `10s`, `2m` or plain seconds'
            cand --no-alias-hashing 'Store aliases in plain text instead of hashed, so they can be listed back'
            cand --json 'Print the API''s JSON instead of a table (errors become JSON on stderr)'
            cand -q 'Print only the token or id, for use in `$(...)`'
            cand --quiet 'Print only the token or id, for use in `$(...)`'
            cand -v 'Trace each HTTP request and response on stderr (secrets masked)'
            cand --verbose 'Trace each HTTP request and response on stderr (secrets masked)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'passwordless;verify'= {
            cand --profile 'Configuration profile to use [default: default]'
            cand --api-url 'Base URL of the Passwordless.dev API [default: https://v4.passwordless.dev]'
            cand --timeout 'Give up on a request after this long, e.g. `10s`, `2m` or plain seconds'
            cand --json 'Print the API''s JSON instead of a table (errors become JSON on stderr)'
            cand -q 'Print only the token or id, for use in `$(...)`'
            cand --quiet 'Print only the token or id, for use in `$(...)`'
            cand -v 'Trace each HTTP request and response on stderr (secrets masked)'
            cand --verbose 'Trace each HTTP request and response on stderr (secrets masked)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'passwordless;signin-token'= {
            cand --user-id 'The user to sign in'
            cand --ttl 'Token lifetime, 1 second to 7 days, e.g. `30s`, `10m` [default: 120 seconds]'
            cand --purpose 'Purpose recorded in the token [default: sign-in]'
            cand --rp-id 'Relying-party id recorded in the token, e.g. example.com'
            cand --origin 'Origin recorded in the token, e.g. https://example.com'
            cand --profile 'Configuration profile to use [default: default]'
            cand --api-url 'Base URL of the Passwordless.dev API [default: https://v4.passwordless.dev]'
            cand --timeout 'Give up on a request after this long, e.g. `10s`, `2m` or plain seconds'
            cand --json 'Print the API''s JSON instead of a table (errors become JSON on stderr)'
            cand -q 'Print only the token or id, for use in `$(...)`'
            cand --quiet 'Print only the token or id, for use in `$(...)`'
            cand -v 'Trace each HTTP request and response on stderr (secrets masked)'
            cand --verbose 'Trace each HTTP request and response on stderr (secrets masked)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'passwordless;config'= {
            cand --profile 'Configuration profile to use [default: default]'
            cand --api-url 'Base URL of the Passwordless.dev API [default: https://v4.passwordless.dev]'
            cand --timeout 'Give up on a request after this long, e.g. `10s`, `2m` or plain seconds'
            cand --json 'Print the API''s JSON instead of a table (errors become JSON on stderr)'
            cand -q 'Print only the token or id, for use in `$(...)`'
            cand --quiet 'Print only the token or id, for use in `$(...)`'
            cand -v 'Trace each HTTP request and response on stderr (secrets masked)'
            cand --verbose 'Trace each HTTP request and response on stderr (secrets masked)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand set-secret 'Store the API secret in the OS keyring'
            cand delete-secret 'Remove the profile''s API secret from the OS keyring'
            cand show 'Show the active profile, base URL and where the secret comes from (masked)'
            cand set 'Set a profile setting: `base-url URL` or `keyring-store secret-service|keyutils|insecure-file`'
            cand unset 'Remove a profile setting, going back to its default'
            cand path 'Print the path of the configuration file'
        }
        &'passwordless;config;set-secret'= {
            cand --from-file 'Read the secret from this file instead of the prompt or stdin'
            cand --profile 'Configuration profile to use [default: default]'
            cand --api-url 'Base URL of the Passwordless.dev API [default: https://v4.passwordless.dev]'
            cand --timeout 'Give up on a request after this long, e.g. `10s`, `2m` or plain seconds'
            cand --json 'Print the API''s JSON instead of a table (errors become JSON on stderr)'
            cand -q 'Print only the token or id, for use in `$(...)`'
            cand --quiet 'Print only the token or id, for use in `$(...)`'
            cand -v 'Trace each HTTP request and response on stderr (secrets masked)'
            cand --verbose 'Trace each HTTP request and response on stderr (secrets masked)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'passwordless;config;delete-secret'= {
            cand --profile 'Configuration profile to use [default: default]'
            cand --api-url 'Base URL of the Passwordless.dev API [default: https://v4.passwordless.dev]'
            cand --timeout 'Give up on a request after this long, e.g. `10s`, `2m` or plain seconds'
            cand --json 'Print the API''s JSON instead of a table (errors become JSON on stderr)'
            cand -q 'Print only the token or id, for use in `$(...)`'
            cand --quiet 'Print only the token or id, for use in `$(...)`'
            cand -v 'Trace each HTTP request and response on stderr (secrets masked)'
            cand --verbose 'Trace each HTTP request and response on stderr (secrets masked)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'passwordless;config;show'= {
            cand --profile 'Configuration profile to use [default: default]'
            cand --api-url 'Base URL of the Passwordless.dev API [default: https://v4.passwordless.dev]'
            cand --timeout 'Give up on a request after this long, e.g. `10s`, `2m` or plain seconds'
            cand --json 'Print the API''s JSON instead of a table (errors become JSON on stderr)'
            cand -q 'Print only the token or id, for use in `$(...)`'
            cand --quiet 'Print only the token or id, for use in `$(...)`'
            cand -v 'Trace each HTTP request and response on stderr (secrets masked)'
            cand --verbose 'Trace each HTTP request and response on stderr (secrets masked)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'passwordless;config;set'= {
            cand --profile 'Configuration profile to use [default: default]'
            cand --api-url 'Base URL of the Passwordless.dev API [default: https://v4.passwordless.dev]'
            cand --timeout 'Give up on a request after this long, e.g. `10s`, `2m` or plain seconds'
            cand --json 'Print the API''s JSON instead of a table (errors become JSON on stderr)'
            cand -q 'Print only the token or id, for use in `$(...)`'
            cand --quiet 'Print only the token or id, for use in `$(...)`'
            cand -v 'Trace each HTTP request and response on stderr (secrets masked)'
            cand --verbose 'Trace each HTTP request and response on stderr (secrets masked)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'passwordless;config;unset'= {
            cand --profile 'Configuration profile to use [default: default]'
            cand --api-url 'Base URL of the Passwordless.dev API [default: https://v4.passwordless.dev]'
            cand --timeout 'Give up on a request after this long, e.g. `10s`, `2m` or plain seconds'
            cand --json 'Print the API''s JSON instead of a table (errors become JSON on stderr)'
            cand -q 'Print only the token or id, for use in `$(...)`'
            cand --quiet 'Print only the token or id, for use in `$(...)`'
            cand -v 'Trace each HTTP request and response on stderr (secrets masked)'
            cand --verbose 'Trace each HTTP request and response on stderr (secrets masked)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'passwordless;config;path'= {
            cand --profile 'Configuration profile to use [default: default]'
            cand --api-url 'Base URL of the Passwordless.dev API [default: https://v4.passwordless.dev]'
            cand --timeout 'Give up on a request after this long, e.g. `10s`, `2m` or plain seconds'
            cand --json 'Print the API''s JSON instead of a table (errors become JSON on stderr)'
            cand -q 'Print only the token or id, for use in `$(...)`'
            cand --quiet 'Print only the token or id, for use in `$(...)`'
            cand -v 'Trace each HTTP request and response on stderr (secrets masked)'
            cand --verbose 'Trace each HTTP request and response on stderr (secrets masked)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'passwordless;emulator'= {
            cand --port 'Port to listen on (0 picks a free one)'
            cand --bind 'Address to bind; anything but loopback needs --allow-remote'
            cand --seed 'Users, aliases and credentials to start from (JSON or TOML)'
            cand --profile 'Configuration profile to use [default: default]'
            cand --api-url 'Base URL of the Passwordless.dev API [default: https://v4.passwordless.dev]'
            cand --timeout 'Give up on a request after this long, e.g. `10s`, `2m` or plain seconds'
            cand --allow-remote 'Allow binding a non-loopback address (the dev keys are public: anyone who can reach the port can use them)'
            cand --log 'Log one line per request on stderr: method, path, status, latency'
            cand --deterministic 'Number tokens and trace ids sequentially, for reproducible test output'
            cand --json 'Print the API''s JSON instead of a table (errors become JSON on stderr)'
            cand -q 'Print only the token or id, for use in `$(...)`'
            cand --quiet 'Print only the token or id, for use in `$(...)`'
            cand -v 'Trace each HTTP request and response on stderr (secrets masked)'
            cand --verbose 'Trace each HTTP request and response on stderr (secrets masked)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand exec 'Start the emulator on a free port, run CMD against it, stop it, and exit with CMD''s status'
        }
        &'passwordless;emulator;exec'= {
            cand --seed 'Users, aliases and credentials to start from (JSON or TOML)'
            cand --profile 'Configuration profile to use [default: default]'
            cand --api-url 'Base URL of the Passwordless.dev API [default: https://v4.passwordless.dev]'
            cand --timeout 'Give up on a request after this long, e.g. `10s`, `2m` or plain seconds'
            cand --log 'Log one line per request on stderr'
            cand --json 'Print the API''s JSON instead of a table (errors become JSON on stderr)'
            cand -q 'Print only the token or id, for use in `$(...)`'
            cand --quiet 'Print only the token or id, for use in `$(...)`'
            cand -v 'Trace each HTTP request and response on stderr (secrets masked)'
            cand --verbose 'Trace each HTTP request and response on stderr (secrets masked)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'passwordless;completions'= {
            cand --profile 'Configuration profile to use [default: default]'
            cand --api-url 'Base URL of the Passwordless.dev API [default: https://v4.passwordless.dev]'
            cand --timeout 'Give up on a request after this long, e.g. `10s`, `2m` or plain seconds'
            cand --json 'Print the API''s JSON instead of a table (errors become JSON on stderr)'
            cand -q 'Print only the token or id, for use in `$(...)`'
            cand --quiet 'Print only the token or id, for use in `$(...)`'
            cand -v 'Trace each HTTP request and response on stderr (secrets masked)'
            cand --verbose 'Trace each HTTP request and response on stderr (secrets masked)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'passwordless;man'= {
            cand --dir 'Folder to write the pages into (created if missing)'
            cand --profile 'Configuration profile to use [default: default]'
            cand --api-url 'Base URL of the Passwordless.dev API [default: https://v4.passwordless.dev]'
            cand --timeout 'Give up on a request after this long, e.g. `10s`, `2m` or plain seconds'
            cand --json 'Print the API''s JSON instead of a table (errors become JSON on stderr)'
            cand -q 'Print only the token or id, for use in `$(...)`'
            cand --quiet 'Print only the token or id, for use in `$(...)`'
            cand -v 'Trace each HTTP request and response on stderr (secrets masked)'
            cand --verbose 'Trace each HTTP request and response on stderr (secrets masked)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'passwordless;help'= {
            cand --profile 'Configuration profile to use [default: default]'
            cand --api-url 'Base URL of the Passwordless.dev API [default: https://v4.passwordless.dev]'
            cand --timeout 'Give up on a request after this long, e.g. `10s`, `2m` or plain seconds'
            cand --json 'Print the API''s JSON instead of a table (errors become JSON on stderr)'
            cand -q 'Print only the token or id, for use in `$(...)`'
            cand --quiet 'Print only the token or id, for use in `$(...)`'
            cand -v 'Trace each HTTP request and response on stderr (secrets masked)'
            cand --verbose 'Trace each HTTP request and response on stderr (secrets masked)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
    ]
    $completions[$command]
}
