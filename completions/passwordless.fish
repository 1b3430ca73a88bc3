# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_passwordless_global_optspecs
    string join \n profile= api-url= json q/quiet timeout= v/verbose h/help V/version
end

function __fish_passwordless_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_passwordless_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_passwordless_using_subcommand
    set -l cmd (__fish_passwordless_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c passwordless -n "__fish_passwordless_needs_command" -l profile -d 'Configuration profile to use [default: default]' -r
complete -c passwordless -n "__fish_passwordless_needs_command" -l api-url -d 'Base URL of the Passwordless.dev API [default: https://v4.passwordless.dev]' -r
complete -c passwordless -n "__fish_passwordless_needs_command" -l timeout -d 'Give up on a request after this long, e.g. `10s`, `2m` or plain seconds' -r
complete -c passwordless -n "__fish_passwordless_needs_command" -l json -d 'Print the API\'s JSON instead of a table (errors become JSON on stderr)'
complete -c passwordless -n "__fish_passwordless_needs_command" -s q -l quiet -d 'Print only the token or id, for use in `$(...)`'
complete -c passwordless -n "__fish_passwordless_needs_command" -s v -l verbose -d 'Trace each HTTP request and response on stderr (secrets masked)'
complete -c passwordless -n "__fish_passwordless_needs_command" -s h -l help -d 'Print help'
complete -c passwordless -n "__fish_passwordless_needs_command" -s V -l version -d 'Print version'
complete -c passwordless -n "__fish_passwordless_needs_command" -f -a "register-token" -d 'Create a registration token for a user (POST /register/token)'
complete -c passwordless -n "__fish_passwordless_needs_command" -f -a "verify" -d 'Verify a sign-in token and show who signed in (POST /signin/verify)'
complete -c passwordless -n "__fish_passwordless_needs_command" -f -a "signin-token" -d 'Create a sign-in token for a user without a passkey (POST /signin/generate-token)'
complete -c passwordless -n "__fish_passwordless_needs_command" -f -a "config" -d 'Show and change profiles, the base URL and the stored API secret'
complete -c passwordless -n "__fish_passwordless_needs_command" -f -a "emulator" -d 'Run a local emulator of the Passwordless.dev API'
complete -c passwordless -n "__fish_passwordless_needs_command" -f -a "completions" -d 'Print a shell completion script'
complete -c passwordless -n "__fish_passwordless_needs_command" -f -a "man" -d 'Write the man pages (passwordless.1 and one per subcommand)'
complete -c passwordless -n "__fish_passwordless_needs_command" -f -a "help" -d 'Print help for a command, or a topic: `environment`, `exit-codes`'
complete -c passwordless -n "__fish_passwordless_using_subcommand register-token" -l user-id -d 'Your id for the user (the WebAuthn user handle; keep it free of personal data)' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand register-token" -l username -d 'Name shown by the authenticator when choosing a passkey [default: the user id]' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand register-token" -l display-name -d 'Friendlier name for the user [default: the username]' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand register-token" -l alias -d 'An alias the user can sign in with (repeat for more; at most 10, 250 characters each)' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand register-token" -l discoverable -d 'Whether the passkey is discoverable (usable without typing a username) [default: true]' -r -f -a "true\t''
false\t''"
complete -c passwordless -n "__fish_passwordless_using_subcommand register-token" -l attestation -d 'Attestation to request; direct and indirect need a plan that allows attestation [default: none]' -r -f -a "none\t''
direct\t''
indirect\t''"
complete -c passwordless -n "__fish_passwordless_using_subcommand register-token" -l authenticator-type -d 'Kind of authenticator allowed [default: any]' -r -f -a "any\t''
platform\t''
cross-platform\t''"
complete -c passwordless -n "__fish_passwordless_using_subcommand register-token" -l user-verification -d 'Whether the authenticator must verify the user (PIN, biometrics) [default: preferred]' -r -f -a "preferred\t''
required\t''
discouraged\t''"
complete -c passwordless -n "__fish_passwordless_using_subcommand register-token" -l hint -d 'A hint for the browser\'s passkey dialog (repeat for more; at most 3)' -r -f -a "security-key\t''
client-device\t''
hybrid\t''"
complete -c passwordless -n "__fish_passwordless_using_subcommand register-token" -l expires-in -d 'Token lifetime, e.g. `90s`, `10m`, `24h` [default: the server\'s 120 seconds]' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand register-token" -l expires-at -d 'Expiry as an RFC 3339 time, e.g. 2030-01-01T12:00:00Z' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand register-token" -l profile -d 'Configuration profile to use [default: default]' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand register-token" -l api-url -d 'Base URL of the Passwordless.dev API [default: https://v4.passwordless.dev]' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand register-token" -l timeout -d 'Give up on a request after this long, e.g. `10s`, `2m` or plain seconds' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand register-token" -l no-alias-hashing -d 'Store aliases in plain text instead of hashed, so they can be listed back'
complete -c passwordless -n "__fish_passwordless_using_subcommand register-token" -l json -d 'Print the API\'s JSON instead of a table (errors become JSON on stderr)'
complete -c passwordless -n "__fish_passwordless_using_subcommand register-token" -s q -l quiet -d 'Print only the token or id, for use in `$(...)`'
complete -c passwordless -n "__fish_passwordless_using_subcommand register-token" -s v -l verbose -d 'Trace each HTTP request and response on stderr (secrets masked)'
complete -c passwordless -n "__fish_passwordless_using_subcommand register-token" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c passwordless -n "__fish_passwordless_using_subcommand verify" -l profile -d 'Configuration profile to use [default: default]' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand verify" -l api-url -d 'Base URL of the Passwordless.dev API [default: https://v4.passwordless.dev]' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand verify" -l timeout -d 'Give up on a request after this long, e.g. `10s`, `2m` or plain seconds' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand verify" -l json -d 'Print the API\'s JSON instead of a table (errors become JSON on stderr)'
complete -c passwordless -n "__fish_passwordless_using_subcommand verify" -s q -l quiet -d 'Print only the token or id, for use in `$(...)`'
complete -c passwordless -n "__fish_passwordless_using_subcommand verify" -s v -l verbose -d 'Trace each HTTP request and response on stderr (secrets masked)'
complete -c passwordless -n "__fish_passwordless_using_subcommand verify" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c passwordless -n "__fish_passwordless_using_subcommand signin-token" -l user-id -d 'The user to sign in' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand signin-token" -l ttl -d 'Token lifetime, 1 second to 7 days, e.g. `30s`, `10m` [default: 120 seconds]' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand signin-token" -l purpose -d 'Purpose recorded in the token [default: sign-in]' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand signin-token" -l rp-id -d 'Relying-party id recorded in the token, e.g. example.com' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand signin-token" -l origin -d 'Origin recorded in the token, e.g. https://example.com' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand signin-token" -l profile -d 'Configuration profile to use [default: default]' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand signin-token" -l api-url -d 'Base URL of the Passwordless.dev API [default: https://v4.passwordless.dev]' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand signin-token" -l timeout -d 'Give up on a request after this long, e.g. `10s`, `2m` or plain seconds' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand signin-token" -l json -d 'Print the API\'s JSON instead of a table (errors become JSON on stderr)'
complete -c passwordless -n "__fish_passwordless_using_subcommand signin-token" -s q -l quiet -d 'Print only the token or id, for use in `$(...)`'
complete -c passwordless -n "__fish_passwordless_using_subcommand signin-token" -s v -l verbose -d 'Trace each HTTP request and response on stderr (secrets masked)'
complete -c passwordless -n "__fish_passwordless_using_subcommand signin-token" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c passwordless -n "__fish_passwordless_using_subcommand config; and not __fish_seen_subcommand_from set-secret delete-secret show set unset path" -l profile -d 'Configuration profile to use [default: default]' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand config; and not __fish_seen_subcommand_from set-secret delete-secret show set unset path" -l api-url -d 'Base URL of the Passwordless.dev API [default: https://v4.passwordless.dev]' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand config; and not __fish_seen_subcommand_from set-secret delete-secret show set unset path" -l timeout -d 'Give up on a request after this long, e.g. `10s`, `2m` or plain seconds' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand config; and not __fish_seen_subcommand_from set-secret delete-secret show set unset path" -l json -d 'Print the API\'s JSON instead of a table (errors become JSON on stderr)'
complete -c passwordless -n "__fish_passwordless_using_subcommand config; and not __fish_seen_subcommand_from set-secret delete-secret show set unset path" -s q -l quiet -d 'Print only the token or id, for use in `$(...)`'
complete -c passwordless -n "__fish_passwordless_using_subcommand config; and not __fish_seen_subcommand_from set-secret delete-secret show set unset path" -s v -l verbose -d 'Trace each HTTP request and response on stderr (secrets masked)'
complete -c passwordless -n "__fish_passwordless_using_subcommand config; and not __fish_seen_subcommand_from set-secret delete-secret show set unset path" -s h -l help -d 'Print help'
complete -c passwordless -n "__fish_passwordless_using_subcommand config; and not __fish_seen_subcommand_from set-secret delete-secret show set unset path" -f -a "set-secret" -d 'Store the API secret in the OS keyring'
complete -c passwordless -n "__fish_passwordless_using_subcommand config; and not __fish_seen_subcommand_from set-secret delete-secret show set unset path" -f -a "delete-secret" -d 'Remove the profile\'s API secret from the OS keyring'
complete -c passwordless -n "__fish_passwordless_using_subcommand config; and not __fish_seen_subcommand_from set-secret delete-secret show set unset path" -f -a "show" -d 'Show the active profile, base URL and where the secret comes from (masked)'
complete -c passwordless -n "__fish_passwordless_using_subcommand config; and not __fish_seen_subcommand_from set-secret delete-secret show set unset path" -f -a "set" -d 'Set a profile setting: `base-url URL` or `keyring-store secret-service|keyutils|insecure-file`'
complete -c passwordless -n "__fish_passwordless_using_subcommand config; and not __fish_seen_subcommand_from set-secret delete-secret show set unset path" -f -a "unset" -d 'Remove a profile setting, going back to its default'
complete -c passwordless -n "__fish_passwordless_using_subcommand config; and not __fish_seen_subcommand_from set-secret delete-secret show set unset path" -f -a "path" -d 'Print the path of the configuration file'
complete -c passwordless -n "__fish_passwordless_using_subcommand config; and __fish_seen_subcommand_from set-secret" -l from-file -d 'Read the secret from this file instead of the prompt or stdin' -r -F
complete -c passwordless -n "__fish_passwordless_using_subcommand config; and __fish_seen_subcommand_from set-secret" -l profile -d 'Configuration profile to use [default: default]' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand config; and __fish_seen_subcommand_from set-secret" -l api-url -d 'Base URL of the Passwordless.dev API [default: https://v4.passwordless.dev]' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand config; and __fish_seen_subcommand_from set-secret" -l timeout -d 'Give up on a request after this long, e.g. `10s`, `2m` or plain seconds' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand config; and __fish_seen_subcommand_from set-secret" -l json -d 'Print the API\'s JSON instead of a table (errors become JSON on stderr)'
complete -c passwordless -n "__fish_passwordless_using_subcommand config; and __fish_seen_subcommand_from set-secret" -s q -l quiet -d 'Print only the token or id, for use in `$(...)`'
complete -c passwordless -n "__fish_passwordless_using_subcommand config; and __fish_seen_subcommand_from set-secret" -s v -l verbose -d 'Trace each HTTP request and response on stderr (secrets masked)'
complete -c passwordless -n "__fish_passwordless_using_subcommand config; and __fish_seen_subcommand_from set-secret" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c passwordless -n "__fish_passwordless_using_subcommand config; and __fish_seen_subcommand_from delete-secret" -l profile -d 'Configuration profile to use [default: default]' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand config; and __fish_seen_subcommand_from delete-secret" -l api-url -d 'Base URL of the Passwordless.dev API [default: https://v4.passwordless.dev]' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand config; and __fish_seen_subcommand_from delete-secret" -l timeout -d 'Give up on a request after this long, e.g. `10s`, `2m` or plain seconds' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand config; and __fish_seen_subcommand_from delete-secret" -l json -d 'Print the API\'s JSON instead of a table (errors become JSON on stderr)'
complete -c passwordless -n "__fish_passwordless_using_subcommand config; and __fish_seen_subcommand_from delete-secret" -s q -l quiet -d 'Print only the token or id, for use in `$(...)`'
complete -c passwordless -n "__fish_passwordless_using_subcommand config; and __fish_seen_subcommand_from delete-secret" -s v -l verbose -d 'Trace each HTTP request and response on stderr (secrets masked)'
complete -c passwordless -n "__fish_passwordless_using_subcommand config; and __fish_seen_subcommand_from delete-secret" -s h -l help -d 'Print help'
complete -c passwordless -n "__fish_passwordless_using_subcommand config; and __fish_seen_subcommand_from show" -l profile -d 'Configuration profile to use [default: default]' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand config; and __fish_seen_subcommand_from show" -l api-url -d 'Base URL of the Passwordless.dev API [default: https://v4.passwordless.dev]' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand config; and __fish_seen_subcommand_from show" -l timeout -d 'Give up on a request after this long, e.g. `10s`, `2m` or plain seconds' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand config; and __fish_seen_subcommand_from show" -l json -d 'Print the API\'s JSON instead of a table (errors become JSON on stderr)'
complete -c passwordless -n "__fish_passwordless_using_subcommand config; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print only the token or id, for use in `$(...)`'
complete -c passwordless -n "__fish_passwordless_using_subcommand config; and __fish_seen_subcommand_from show" -s v -l verbose -d 'Trace each HTTP request and response on stderr (secrets masked)'
complete -c passwordless -n "__fish_passwordless_using_subcommand config; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c passwordless -n "__fish_passwordless_using_subcommand config; and __fish_seen_subcommand_from set" -l profile -d 'Configuration profile to use [default: default]' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand config; and __fish_seen_subcommand_from set" -l api-url -d 'Base URL of the Passwordless.dev API [default: https://v4.passwordless.dev]' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand config; and __fish_seen_subcommand_from set" -l timeout -d 'Give up on a request after this long, e.g. `10s`, `2m` or plain seconds' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand config; and __fish_seen_subcommand_from set" -l json -d 'Print the API\'s JSON instead of a table (errors become JSON on stderr)'
complete -c passwordless -n "__fish_passwordless_using_subcommand config; and __fish_seen_subcommand_from set" -s q -l quiet -d 'Print only the token or id, for use in `$(...)`'
complete -c passwordless -n "__fish_passwordless_using_subcommand config; and __fish_seen_subcommand_from set" -s v -l verbose -d 'Trace each HTTP request and response on stderr (secrets masked)'
complete -c passwordless -n "__fish_passwordless_using_subcommand config; and __fish_seen_subcommand_from set" -s h -l help -d 'Print help'
complete -c passwordless -n "__fish_passwordless_using_subcommand config; and __fish_seen_subcommand_from unset" -l profile -d 'Configuration profile to use [default: default]' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand config; and __fish_seen_subcommand_from unset" -l api-url -d 'Base URL of the Passwordless.dev API [default: https://v4.passwordless.dev]' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand config; and __fish_seen_subcommand_from unset" -l timeout -d 'Give up on a request after this long, e.g. `10s`, `2m` or plain seconds' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand config; and __fish_seen_subcommand_from unset" -l json -d 'Print the API\'s JSON instead of a table (errors become JSON on stderr)'
complete -c passwordless -n "__fish_passwordless_using_subcommand config; and __fish_seen_subcommand_from unset" -s q -l quiet -d 'Print only the token or id, for use in `$(...)`'
complete -c passwordless -n "__fish_passwordless_using_subcommand config; and __fish_seen_subcommand_from unset" -s v -l verbose -d 'Trace each HTTP request and response on stderr (secrets masked)'
complete -c passwordless -n "__fish_passwordless_using_subcommand config; and __fish_seen_subcommand_from unset" -s h -l help -d 'Print help'
complete -c passwordless -n "__fish_passwordless_using_subcommand config; and __fish_seen_subcommand_from path" -l profile -d 'Configuration profile to use [default: default]' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand config; and __fish_seen_subcommand_from path" -l api-url -d 'Base URL of the Passwordless.dev API [default: https://v4.passwordless.dev]' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand config; and __fish_seen_subcommand_from path" -l timeout -d 'Give up on a request after this long, e.g. `10s`, `2m` or plain seconds' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand config; and __fish_seen_subcommand_from path" -l json -d 'Print the API\'s JSON instead of a table (errors become JSON on stderr)'
complete -c passwordless -n "__fish_passwordless_using_subcommand config; and __fish_seen_subcommand_from path" -s q -l quiet -d 'Print only the token or id, for use in `$(...)`'
complete -c passwordless -n "__fish_passwordless_using_subcommand config; and __fish_seen_subcommand_from path" -s v -l verbose -d 'Trace each HTTP request and response on stderr (secrets masked)'
complete -c passwordless -n "__fish_passwordless_using_subcommand config; and __fish_seen_subcommand_from path" -s h -l help -d 'Print help'
complete -c passwordless -n "__fish_passwordless_using_subcommand emulator; and not __fish_seen_subcommand_from exec" -l port -d 'Port to listen on (0 picks a free one)' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand emulator; and not __fish_seen_subcommand_from exec" -l bind -d 'Address to bind; anything but loopback needs --allow-remote' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand emulator; and not __fish_seen_subcommand_from exec" -l seed -d 'Users, aliases and credentials to start from (JSON or TOML)' -r -F
complete -c passwordless -n "__fish_passwordless_using_subcommand emulator; and not __fish_seen_subcommand_from exec" -l profile -d 'Configuration profile to use [default: default]' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand emulator; and not __fish_seen_subcommand_from exec" -l api-url -d 'Base URL of the Passwordless.dev API [default: https://v4.passwordless.dev]' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand emulator; and not __fish_seen_subcommand_from exec" -l timeout -d 'Give up on a request after this long, e.g. `10s`, `2m` or plain seconds' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand emulator; and not __fish_seen_subcommand_from exec" -l allow-remote -d 'Allow binding a non-loopback address (the dev keys are public: anyone who can reach the port can use them)'
complete -c passwordless -n "__fish_passwordless_using_subcommand emulator; and not __fish_seen_subcommand_from exec" -l log -d 'Log one line per request on stderr: method, path, status, latency'
complete -c passwordless -n "__fish_passwordless_using_subcommand emulator; and not __fish_seen_subcommand_from exec" -l deterministic -d 'Number tokens and trace ids sequentially, for reproducible test output'
complete -c passwordless -n "__fish_passwordless_using_subcommand emulator; and not __fish_seen_subcommand_from exec" -l json -d 'Print the API\'s JSON instead of a table (errors become JSON on stderr)'
complete -c passwordless -n "__fish_passwordless_using_subcommand emulator; and not __fish_seen_subcommand_from exec" -s q -l quiet -d 'Print only the token or id, for use in `$(...)`'
complete -c passwordless -n "__fish_passwordless_using_subcommand emulator; and not __fish_seen_subcommand_from exec" -s v -l verbose -d 'Trace each HTTP request and response on stderr (secrets masked)'
complete -c passwordless -n "__fish_passwordless_using_subcommand emulator; and not __fish_seen_subcommand_from exec" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c passwordless -n "__fish_passwordless_using_subcommand emulator; and not __fish_seen_subcommand_from exec" -f -a "exec" -d 'Start the emulator on a free port, run CMD against it, stop it, and exit with CMD\'s status'
complete -c passwordless -n "__fish_passwordless_using_subcommand emulator; and __fish_seen_subcommand_from exec" -l seed -d 'Users, aliases and credentials to start from (JSON or TOML)' -r -F
complete -c passwordless -n "__fish_passwordless_using_subcommand emulator; and __fish_seen_subcommand_from exec" -l profile -d 'Configuration profile to use [default: default]' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand emulator; and __fish_seen_subcommand_from exec" -l api-url -d 'Base URL of the Passwordless.dev API [default: https://v4.passwordless.dev]' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand emulator; and __fish_seen_subcommand_from exec" -l timeout -d 'Give up on a request after this long, e.g. `10s`, `2m` or plain seconds' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand emulator; and __fish_seen_subcommand_from exec" -l log -d 'Log one line per request on stderr'
complete -c passwordless -n "__fish_passwordless_using_subcommand emulator; and __fish_seen_subcommand_from exec" -l json -d 'Print the API\'s JSON instead of a table (errors become JSON on stderr)'
complete -c passwordless -n "__fish_passwordless_using_subcommand emulator; and __fish_seen_subcommand_from exec" -s q -l quiet -d 'Print only the token or id, for use in `$(...)`'
complete -c passwordless -n "__fish_passwordless_using_subcommand emulator; and __fish_seen_subcommand_from exec" -s v -l verbose -d 'Trace each HTTP request and response on stderr (secrets masked)'
complete -c passwordless -n "__fish_passwordless_using_subcommand emulator; and __fish_seen_subcommand_from exec" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c passwordless -n "__fish_passwordless_using_subcommand completions" -l profile -d 'Configuration profile to use [default: default]' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand completions" -l api-url -d 'Base URL of the Passwordless.dev API [default: https://v4.passwordless.dev]' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand completions" -l timeout -d 'Give up on a request after this long, e.g. `10s`, `2m` or plain seconds' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand completions" -l json -d 'Print the API\'s JSON instead of a table (errors become JSON on stderr)'
complete -c passwordless -n "__fish_passwordless_using_subcommand completions" -s q -l quiet -d 'Print only the token or id, for use in `$(...)`'
complete -c passwordless -n "__fish_passwordless_using_subcommand completions" -s v -l verbose -d 'Trace each HTTP request and response on stderr (secrets masked)'
complete -c passwordless -n "__fish_passwordless_using_subcommand completions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c passwordless -n "__fish_passwordless_using_subcommand man" -l dir -d 'Folder to write the pages into (created if missing)' -r -F
complete -c passwordless -n "__fish_passwordless_using_subcommand man" -l profile -d 'Configuration profile to use [default: default]' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand man" -l api-url -d 'Base URL of the Passwordless.dev API [default: https://v4.passwordless.dev]' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand man" -l timeout -d 'Give up on a request after this long, e.g. `10s`, `2m` or plain seconds' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand man" -l json -d 'Print the API\'s JSON instead of a table (errors become JSON on stderr)'
complete -c passwordless -n "__fish_passwordless_using_subcommand man" -s q -l quiet -d 'Print only the token or id, for use in `$(...)`'
complete -c passwordless -n "__fish_passwordless_using_subcommand man" -s v -l verbose -d 'Trace each HTTP request and response on stderr (secrets masked)'
complete -c passwordless -n "__fish_passwordless_using_subcommand man" -s h -l help -d 'Print help'
complete -c passwordless -n "__fish_passwordless_using_subcommand help" -l profile -d 'Configuration profile to use [default: default]' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand help" -l api-url -d 'Base URL of the Passwordless.dev API [default: https://v4.passwordless.dev]' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand help" -l timeout -d 'Give up on a request after this long, e.g. `10s`, `2m` or plain seconds' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand help" -l json -d 'Print the API\'s JSON instead of a table (errors become JSON on stderr)'
complete -c passwordless -n "__fish_passwordless_using_subcommand help" -s q -l quiet -d 'Print only the token or id, for use in `$(...)`'
complete -c passwordless -n "__fish_passwordless_using_subcommand help" -s v -l verbose -d 'Trace each HTTP request and response on stderr (secrets masked)'
complete -c passwordless -n "__fish_passwordless_using_subcommand help" -s h -l help -d 'Print help'
