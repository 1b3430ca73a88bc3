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
complete -c passwordless -n "__fish_passwordless_needs_command" -f -a "users" -d 'List, count and delete users'
complete -c passwordless -n "__fish_passwordless_needs_command" -f -a "aliases" -d 'List and replace the aliases a user can sign in with'
complete -c passwordless -n "__fish_passwordless_needs_command" -f -a "credentials" -d 'List and delete users\' passkeys'
complete -c passwordless -n "__fish_passwordless_needs_command" -f -a "magic-link" -d 'Send sign-in links by e-mail'
complete -c passwordless -n "__fish_passwordless_needs_command" -f -a "app" -d 'Change the application\'s features (magic links, generated tokens, event log retention)'
complete -c passwordless -n "__fish_passwordless_needs_command" -f -a "auth-configs" -d 'Manage authentication configurations: per-purpose token lifetime and user verification'
complete -c passwordless -n "__fish_passwordless_needs_command" -f -a "authenticators" -d 'Manage the authenticator allow and deny lists (by AAGUID)'
complete -c passwordless -n "__fish_passwordless_needs_command" -f -a "events" -d 'Read the application\'s event log'
complete -c passwordless -n "__fish_passwordless_needs_command" -f -a "reports" -d 'Periodic reports: credentials and active users per day'
complete -c passwordless -n "__fish_passwordless_needs_command" -f -a "admin" -d 'Operate a server with its management key: apps, API keys, features, deletion, health'
complete -c passwordless -n "__fish_passwordless_needs_command" -f -a "api" -d 'Send an authenticated request to any API path and print the JSON answer'
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
complete -c passwordless -n "__fish_passwordless_using_subcommand users; and not __fish_seen_subcommand_from list count delete" -l profile -d 'Configuration profile to use [default: default]' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand users; and not __fish_seen_subcommand_from list count delete" -l api-url -d 'Base URL of the Passwordless.dev API [default: https://v4.passwordless.dev]' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand users; and not __fish_seen_subcommand_from list count delete" -l timeout -d 'Give up on a request after this long, e.g. `10s`, `2m` or plain seconds' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand users; and not __fish_seen_subcommand_from list count delete" -l json -d 'Print the API\'s JSON instead of a table (errors become JSON on stderr)'
complete -c passwordless -n "__fish_passwordless_using_subcommand users; and not __fish_seen_subcommand_from list count delete" -s q -l quiet -d 'Print only the token or id, for use in `$(...)`'
complete -c passwordless -n "__fish_passwordless_using_subcommand users; and not __fish_seen_subcommand_from list count delete" -s v -l verbose -d 'Trace each HTTP request and response on stderr (secrets masked)'
complete -c passwordless -n "__fish_passwordless_using_subcommand users; and not __fish_seen_subcommand_from list count delete" -s h -l help -d 'Print help'
complete -c passwordless -n "__fish_passwordless_using_subcommand users; and not __fish_seen_subcommand_from list count delete" -f -a "list" -d 'List users: everyone with a passkey or an alias (GET /users/list)'
complete -c passwordless -n "__fish_passwordless_using_subcommand users; and not __fish_seen_subcommand_from list count delete" -f -a "count" -d 'Count users with at least one passkey (GET /users/count)'
complete -c passwordless -n "__fish_passwordless_using_subcommand users; and not __fish_seen_subcommand_from list count delete" -f -a "delete" -d 'Delete a user with all their passkeys and aliases (POST /users/delete)'
complete -c passwordless -n "__fish_passwordless_using_subcommand users; and __fish_seen_subcommand_from list" -l profile -d 'Configuration profile to use [default: default]' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand users; and __fish_seen_subcommand_from list" -l api-url -d 'Base URL of the Passwordless.dev API [default: https://v4.passwordless.dev]' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand users; and __fish_seen_subcommand_from list" -l timeout -d 'Give up on a request after this long, e.g. `10s`, `2m` or plain seconds' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand users; and __fish_seen_subcommand_from list" -l json -d 'Print the API\'s JSON instead of a table (errors become JSON on stderr)'
complete -c passwordless -n "__fish_passwordless_using_subcommand users; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only the token or id, for use in `$(...)`'
complete -c passwordless -n "__fish_passwordless_using_subcommand users; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Trace each HTTP request and response on stderr (secrets masked)'
complete -c passwordless -n "__fish_passwordless_using_subcommand users; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c passwordless -n "__fish_passwordless_using_subcommand users; and __fish_seen_subcommand_from count" -l profile -d 'Configuration profile to use [default: default]' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand users; and __fish_seen_subcommand_from count" -l api-url -d 'Base URL of the Passwordless.dev API [default: https://v4.passwordless.dev]' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand users; and __fish_seen_subcommand_from count" -l timeout -d 'Give up on a request after this long, e.g. `10s`, `2m` or plain seconds' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand users; and __fish_seen_subcommand_from count" -l json -d 'Print the API\'s JSON instead of a table (errors become JSON on stderr)'
complete -c passwordless -n "__fish_passwordless_using_subcommand users; and __fish_seen_subcommand_from count" -s q -l quiet -d 'Print only the token or id, for use in `$(...)`'
complete -c passwordless -n "__fish_passwordless_using_subcommand users; and __fish_seen_subcommand_from count" -s v -l verbose -d 'Trace each HTTP request and response on stderr (secrets masked)'
complete -c passwordless -n "__fish_passwordless_using_subcommand users; and __fish_seen_subcommand_from count" -s h -l help -d 'Print help'
complete -c passwordless -n "__fish_passwordless_using_subcommand users; and __fish_seen_subcommand_from delete" -l profile -d 'Configuration profile to use [default: default]' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand users; and __fish_seen_subcommand_from delete" -l api-url -d 'Base URL of the Passwordless.dev API [default: https://v4.passwordless.dev]' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand users; and __fish_seen_subcommand_from delete" -l timeout -d 'Give up on a request after this long, e.g. `10s`, `2m` or plain seconds' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand users; and __fish_seen_subcommand_from delete" -s y -l yes -d 'Do it without asking (required when stdin is not a terminal)'
complete -c passwordless -n "__fish_passwordless_using_subcommand users; and __fish_seen_subcommand_from delete" -l json -d 'Print the API\'s JSON instead of a table (errors become JSON on stderr)'
complete -c passwordless -n "__fish_passwordless_using_subcommand users; and __fish_seen_subcommand_from delete" -s q -l quiet -d 'Print only the token or id, for use in `$(...)`'
complete -c passwordless -n "__fish_passwordless_using_subcommand users; and __fish_seen_subcommand_from delete" -s v -l verbose -d 'Trace each HTTP request and response on stderr (secrets masked)'
complete -c passwordless -n "__fish_passwordless_using_subcommand users; and __fish_seen_subcommand_from delete" -s h -l help -d 'Print help'
complete -c passwordless -n "__fish_passwordless_using_subcommand aliases; and not __fish_seen_subcommand_from list set" -l profile -d 'Configuration profile to use [default: default]' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand aliases; and not __fish_seen_subcommand_from list set" -l api-url -d 'Base URL of the Passwordless.dev API [default: https://v4.passwordless.dev]' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand aliases; and not __fish_seen_subcommand_from list set" -l timeout -d 'Give up on a request after this long, e.g. `10s`, `2m` or plain seconds' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand aliases; and not __fish_seen_subcommand_from list set" -l json -d 'Print the API\'s JSON instead of a table (errors become JSON on stderr)'
complete -c passwordless -n "__fish_passwordless_using_subcommand aliases; and not __fish_seen_subcommand_from list set" -s q -l quiet -d 'Print only the token or id, for use in `$(...)`'
complete -c passwordless -n "__fish_passwordless_using_subcommand aliases; and not __fish_seen_subcommand_from list set" -s v -l verbose -d 'Trace each HTTP request and response on stderr (secrets masked)'
complete -c passwordless -n "__fish_passwordless_using_subcommand aliases; and not __fish_seen_subcommand_from list set" -s h -l help -d 'Print help'
complete -c passwordless -n "__fish_passwordless_using_subcommand aliases; and not __fish_seen_subcommand_from list set" -f -a "list" -d 'List a user\'s aliases (GET /alias/list); hashed aliases show only their hash'
complete -c passwordless -n "__fish_passwordless_using_subcommand aliases; and not __fish_seen_subcommand_from list set" -f -a "set" -d 'Replace a user\'s aliases (POST /alias); with no --alias, remove them all'
complete -c passwordless -n "__fish_passwordless_using_subcommand aliases; and __fish_seen_subcommand_from list" -l user-id -d 'The user' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand aliases; and __fish_seen_subcommand_from list" -l profile -d 'Configuration profile to use [default: default]' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand aliases; and __fish_seen_subcommand_from list" -l api-url -d 'Base URL of the Passwordless.dev API [default: https://v4.passwordless.dev]' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand aliases; and __fish_seen_subcommand_from list" -l timeout -d 'Give up on a request after this long, e.g. `10s`, `2m` or plain seconds' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand aliases; and __fish_seen_subcommand_from list" -l json -d 'Print the API\'s JSON instead of a table (errors become JSON on stderr)'
complete -c passwordless -n "__fish_passwordless_using_subcommand aliases; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only the token or id, for use in `$(...)`'
complete -c passwordless -n "__fish_passwordless_using_subcommand aliases; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Trace each HTTP request and response on stderr (secrets masked)'
complete -c passwordless -n "__fish_passwordless_using_subcommand aliases; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c passwordless -n "__fish_passwordless_using_subcommand aliases; and __fish_seen_subcommand_from set" -l user-id -d 'The user' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand aliases; and __fish_seen_subcommand_from set" -l alias -d 'An alias (repeat for more; at most 10, 250 characters each)' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand aliases; and __fish_seen_subcommand_from set" -l profile -d 'Configuration profile to use [default: default]' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand aliases; and __fish_seen_subcommand_from set" -l api-url -d 'Base URL of the Passwordless.dev API [default: https://v4.passwordless.dev]' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand aliases; and __fish_seen_subcommand_from set" -l timeout -d 'Give up on a request after this long, e.g. `10s`, `2m` or plain seconds' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand aliases; and __fish_seen_subcommand_from set" -l no-hashing -d 'Store the aliases in plain text so they can be listed back'
complete -c passwordless -n "__fish_passwordless_using_subcommand aliases; and __fish_seen_subcommand_from set" -s y -l yes -d 'Do it without asking (required when stdin is not a terminal)'
complete -c passwordless -n "__fish_passwordless_using_subcommand aliases; and __fish_seen_subcommand_from set" -l json -d 'Print the API\'s JSON instead of a table (errors become JSON on stderr)'
complete -c passwordless -n "__fish_passwordless_using_subcommand aliases; and __fish_seen_subcommand_from set" -s q -l quiet -d 'Print only the token or id, for use in `$(...)`'
complete -c passwordless -n "__fish_passwordless_using_subcommand aliases; and __fish_seen_subcommand_from set" -s v -l verbose -d 'Trace each HTTP request and response on stderr (secrets masked)'
complete -c passwordless -n "__fish_passwordless_using_subcommand aliases; and __fish_seen_subcommand_from set" -s h -l help -d 'Print help'
complete -c passwordless -n "__fish_passwordless_using_subcommand credentials; and not __fish_seen_subcommand_from list delete" -l profile -d 'Configuration profile to use [default: default]' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand credentials; and not __fish_seen_subcommand_from list delete" -l api-url -d 'Base URL of the Passwordless.dev API [default: https://v4.passwordless.dev]' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand credentials; and not __fish_seen_subcommand_from list delete" -l timeout -d 'Give up on a request after this long, e.g. `10s`, `2m` or plain seconds' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand credentials; and not __fish_seen_subcommand_from list delete" -l json -d 'Print the API\'s JSON instead of a table (errors become JSON on stderr)'
complete -c passwordless -n "__fish_passwordless_using_subcommand credentials; and not __fish_seen_subcommand_from list delete" -s q -l quiet -d 'Print only the token or id, for use in `$(...)`'
complete -c passwordless -n "__fish_passwordless_using_subcommand credentials; and not __fish_seen_subcommand_from list delete" -s v -l verbose -d 'Trace each HTTP request and response on stderr (secrets masked)'
complete -c passwordless -n "__fish_passwordless_using_subcommand credentials; and not __fish_seen_subcommand_from list delete" -s h -l help -d 'Print help'
complete -c passwordless -n "__fish_passwordless_using_subcommand credentials; and not __fish_seen_subcommand_from list delete" -f -a "list" -d 'List a user\'s passkeys (GET /credentials/list)'
complete -c passwordless -n "__fish_passwordless_using_subcommand credentials; and not __fish_seen_subcommand_from list delete" -f -a "delete" -d 'Delete a passkey (POST /credentials/delete)'
complete -c passwordless -n "__fish_passwordless_using_subcommand credentials; and __fish_seen_subcommand_from list" -l user-id -d 'The user' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand credentials; and __fish_seen_subcommand_from list" -l profile -d 'Configuration profile to use [default: default]' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand credentials; and __fish_seen_subcommand_from list" -l api-url -d 'Base URL of the Passwordless.dev API [default: https://v4.passwordless.dev]' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand credentials; and __fish_seen_subcommand_from list" -l timeout -d 'Give up on a request after this long, e.g. `10s`, `2m` or plain seconds' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand credentials; and __fish_seen_subcommand_from list" -l json -d 'Print the API\'s JSON instead of a table (errors become JSON on stderr)'
complete -c passwordless -n "__fish_passwordless_using_subcommand credentials; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only the token or id, for use in `$(...)`'
complete -c passwordless -n "__fish_passwordless_using_subcommand credentials; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Trace each HTTP request and response on stderr (secrets masked)'
complete -c passwordless -n "__fish_passwordless_using_subcommand credentials; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c passwordless -n "__fish_passwordless_using_subcommand credentials; and __fish_seen_subcommand_from delete" -l profile -d 'Configuration profile to use [default: default]' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand credentials; and __fish_seen_subcommand_from delete" -l api-url -d 'Base URL of the Passwordless.dev API [default: https://v4.passwordless.dev]' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand credentials; and __fish_seen_subcommand_from delete" -l timeout -d 'Give up on a request after this long, e.g. `10s`, `2m` or plain seconds' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand credentials; and __fish_seen_subcommand_from delete" -s y -l yes -d 'Do it without asking (required when stdin is not a terminal)'
complete -c passwordless -n "__fish_passwordless_using_subcommand credentials; and __fish_seen_subcommand_from delete" -l json -d 'Print the API\'s JSON instead of a table (errors become JSON on stderr)'
complete -c passwordless -n "__fish_passwordless_using_subcommand credentials; and __fish_seen_subcommand_from delete" -s q -l quiet -d 'Print only the token or id, for use in `$(...)`'
complete -c passwordless -n "__fish_passwordless_using_subcommand credentials; and __fish_seen_subcommand_from delete" -s v -l verbose -d 'Trace each HTTP request and response on stderr (secrets masked)'
complete -c passwordless -n "__fish_passwordless_using_subcommand credentials; and __fish_seen_subcommand_from delete" -s h -l help -d 'Print help'
complete -c passwordless -n "__fish_passwordless_using_subcommand magic-link; and not __fish_seen_subcommand_from send" -l profile -d 'Configuration profile to use [default: default]' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand magic-link; and not __fish_seen_subcommand_from send" -l api-url -d 'Base URL of the Passwordless.dev API [default: https://v4.passwordless.dev]' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand magic-link; and not __fish_seen_subcommand_from send" -l timeout -d 'Give up on a request after this long, e.g. `10s`, `2m` or plain seconds' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand magic-link; and not __fish_seen_subcommand_from send" -l json -d 'Print the API\'s JSON instead of a table (errors become JSON on stderr)'
complete -c passwordless -n "__fish_passwordless_using_subcommand magic-link; and not __fish_seen_subcommand_from send" -s q -l quiet -d 'Print only the token or id, for use in `$(...)`'
complete -c passwordless -n "__fish_passwordless_using_subcommand magic-link; and not __fish_seen_subcommand_from send" -s v -l verbose -d 'Trace each HTTP request and response on stderr (secrets masked)'
complete -c passwordless -n "__fish_passwordless_using_subcommand magic-link; and not __fish_seen_subcommand_from send" -s h -l help -d 'Print help'
complete -c passwordless -n "__fish_passwordless_using_subcommand magic-link; and not __fish_seen_subcommand_from send" -f -a "send" -d 'E-mail a sign-in link (POST /magic-links/send); never retried, since each call sends mail'
complete -c passwordless -n "__fish_passwordless_using_subcommand magic-link; and __fish_seen_subcommand_from send" -l email -d 'Recipient address' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand magic-link; and __fish_seen_subcommand_from send" -l url-template -d 'Link to send; `$TOKEN` is replaced by the sign-in token' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand magic-link; and __fish_seen_subcommand_from send" -l user-id -d 'The user the link signs in' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand magic-link; and __fish_seen_subcommand_from send" -l ttl -d 'Token lifetime, 1 second to 7 days [default: 1 hour]' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand magic-link; and __fish_seen_subcommand_from send" -l profile -d 'Configuration profile to use [default: default]' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand magic-link; and __fish_seen_subcommand_from send" -l api-url -d 'Base URL of the Passwordless.dev API [default: https://v4.passwordless.dev]' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand magic-link; and __fish_seen_subcommand_from send" -l timeout -d 'Give up on a request after this long, e.g. `10s`, `2m` or plain seconds' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand magic-link; and __fish_seen_subcommand_from send" -l json -d 'Print the API\'s JSON instead of a table (errors become JSON on stderr)'
complete -c passwordless -n "__fish_passwordless_using_subcommand magic-link; and __fish_seen_subcommand_from send" -s q -l quiet -d 'Print only the token or id, for use in `$(...)`'
complete -c passwordless -n "__fish_passwordless_using_subcommand magic-link; and __fish_seen_subcommand_from send" -s v -l verbose -d 'Trace each HTTP request and response on stderr (secrets masked)'
complete -c passwordless -n "__fish_passwordless_using_subcommand magic-link; and __fish_seen_subcommand_from send" -s h -l help -d 'Print help'
complete -c passwordless -n "__fish_passwordless_using_subcommand app; and not __fish_seen_subcommand_from features" -l profile -d 'Configuration profile to use [default: default]' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand app; and not __fish_seen_subcommand_from features" -l api-url -d 'Base URL of the Passwordless.dev API [default: https://v4.passwordless.dev]' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand app; and not __fish_seen_subcommand_from features" -l timeout -d 'Give up on a request after this long, e.g. `10s`, `2m` or plain seconds' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand app; and not __fish_seen_subcommand_from features" -l json -d 'Print the API\'s JSON instead of a table (errors become JSON on stderr)'
complete -c passwordless -n "__fish_passwordless_using_subcommand app; and not __fish_seen_subcommand_from features" -s q -l quiet -d 'Print only the token or id, for use in `$(...)`'
complete -c passwordless -n "__fish_passwordless_using_subcommand app; and not __fish_seen_subcommand_from features" -s v -l verbose -d 'Trace each HTTP request and response on stderr (secrets masked)'
complete -c passwordless -n "__fish_passwordless_using_subcommand app; and not __fish_seen_subcommand_from features" -s h -l help -d 'Print help'
complete -c passwordless -n "__fish_passwordless_using_subcommand app; and not __fish_seen_subcommand_from features" -f -a "features" -d 'Features of the application that the API secret may change (POST /apps/features)'
complete -c passwordless -n "__fish_passwordless_using_subcommand app; and __fish_seen_subcommand_from features" -l profile -d 'Configuration profile to use [default: default]' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand app; and __fish_seen_subcommand_from features" -l api-url -d 'Base URL of the Passwordless.dev API [default: https://v4.passwordless.dev]' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand app; and __fish_seen_subcommand_from features" -l timeout -d 'Give up on a request after this long, e.g. `10s`, `2m` or plain seconds' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand app; and __fish_seen_subcommand_from features" -l json -d 'Print the API\'s JSON instead of a table (errors become JSON on stderr)'
complete -c passwordless -n "__fish_passwordless_using_subcommand app; and __fish_seen_subcommand_from features" -s q -l quiet -d 'Print only the token or id, for use in `$(...)`'
complete -c passwordless -n "__fish_passwordless_using_subcommand app; and __fish_seen_subcommand_from features" -s v -l verbose -d 'Trace each HTTP request and response on stderr (secrets masked)'
complete -c passwordless -n "__fish_passwordless_using_subcommand app; and __fish_seen_subcommand_from features" -s h -l help -d 'Print help'
complete -c passwordless -n "__fish_passwordless_using_subcommand app; and __fish_seen_subcommand_from features" -f -a "set" -d 'Turn features on or off; unnamed features stay as they are. Reading them needs `admin apps features` (the API secret has no read route)'
complete -c passwordless -n "__fish_passwordless_using_subcommand auth-configs; and not __fish_seen_subcommand_from list add update delete" -l profile -d 'Configuration profile to use [default: default]' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand auth-configs; and not __fish_seen_subcommand_from list add update delete" -l api-url -d 'Base URL of the Passwordless.dev API [default: https://v4.passwordless.dev]' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand auth-configs; and not __fish_seen_subcommand_from list add update delete" -l timeout -d 'Give up on a request after this long, e.g. `10s`, `2m` or plain seconds' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand auth-configs; and not __fish_seen_subcommand_from list add update delete" -l json -d 'Print the API\'s JSON instead of a table (errors become JSON on stderr)'
complete -c passwordless -n "__fish_passwordless_using_subcommand auth-configs; and not __fish_seen_subcommand_from list add update delete" -s q -l quiet -d 'Print only the token or id, for use in `$(...)`'
complete -c passwordless -n "__fish_passwordless_using_subcommand auth-configs; and not __fish_seen_subcommand_from list add update delete" -s v -l verbose -d 'Trace each HTTP request and response on stderr (secrets masked)'
complete -c passwordless -n "__fish_passwordless_using_subcommand auth-configs; and not __fish_seen_subcommand_from list add update delete" -s h -l help -d 'Print help'
complete -c passwordless -n "__fish_passwordless_using_subcommand auth-configs; and not __fish_seen_subcommand_from list add update delete" -f -a "list" -d 'List configurations, with the built-in `sign-in` and `step-up` (GET /auth-configs/list)'
complete -c passwordless -n "__fish_passwordless_using_subcommand auth-configs; and not __fish_seen_subcommand_from list add update delete" -f -a "add" -d 'Add a configuration for a new purpose (POST /auth-configs/add)'
complete -c passwordless -n "__fish_passwordless_using_subcommand auth-configs; and not __fish_seen_subcommand_from list add update delete" -f -a "update" -d 'Change a configuration (POST /auth-configs)'
complete -c passwordless -n "__fish_passwordless_using_subcommand auth-configs; and not __fish_seen_subcommand_from list add update delete" -f -a "delete" -d 'Delete a configuration (POST /auth-configs/delete); built-in ones cannot be deleted'
complete -c passwordless -n "__fish_passwordless_using_subcommand auth-configs; and __fish_seen_subcommand_from list" -l purpose -d 'Only this purpose' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand auth-configs; and __fish_seen_subcommand_from list" -l profile -d 'Configuration profile to use [default: default]' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand auth-configs; and __fish_seen_subcommand_from list" -l api-url -d 'Base URL of the Passwordless.dev API [default: https://v4.passwordless.dev]' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand auth-configs; and __fish_seen_subcommand_from list" -l timeout -d 'Give up on a request after this long, e.g. `10s`, `2m` or plain seconds' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand auth-configs; and __fish_seen_subcommand_from list" -l json -d 'Print the API\'s JSON instead of a table (errors become JSON on stderr)'
complete -c passwordless -n "__fish_passwordless_using_subcommand auth-configs; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only the token or id, for use in `$(...)`'
complete -c passwordless -n "__fish_passwordless_using_subcommand auth-configs; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Trace each HTTP request and response on stderr (secrets masked)'
complete -c passwordless -n "__fish_passwordless_using_subcommand auth-configs; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c passwordless -n "__fish_passwordless_using_subcommand auth-configs; and __fish_seen_subcommand_from add" -l purpose -d 'The purpose: letters, digits, `-` and `_`, up to 255' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand auth-configs; and __fish_seen_subcommand_from add" -l user-verification -d 'User verification for sign-ins with this purpose [default: preferred]' -r -f -a "preferred\t''
required\t''
discouraged\t''"
complete -c passwordless -n "__fish_passwordless_using_subcommand auth-configs; and __fish_seen_subcommand_from add" -l ttl -d 'Lifetime of the verify tokens it issues, e.g. `2m`, `1h` [default: 2 minutes]' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand auth-configs; and __fish_seen_subcommand_from add" -l hint -d 'A hint for the browser\'s passkey dialog (repeat for more)' -r -f -a "security-key\t''
client-device\t''
hybrid\t''"
complete -c passwordless -n "__fish_passwordless_using_subcommand auth-configs; and __fish_seen_subcommand_from add" -l performed-by -d 'Who made the change, recorded by the server [default: passwordless-cli]' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand auth-configs; and __fish_seen_subcommand_from add" -l profile -d 'Configuration profile to use [default: default]' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand auth-configs; and __fish_seen_subcommand_from add" -l api-url -d 'Base URL of the Passwordless.dev API [default: https://v4.passwordless.dev]' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand auth-configs; and __fish_seen_subcommand_from add" -l timeout -d 'Give up on a request after this long, e.g. `10s`, `2m` or plain seconds' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand auth-configs; and __fish_seen_subcommand_from add" -l json -d 'Print the API\'s JSON instead of a table (errors become JSON on stderr)'
complete -c passwordless -n "__fish_passwordless_using_subcommand auth-configs; and __fish_seen_subcommand_from add" -s q -l quiet -d 'Print only the token or id, for use in `$(...)`'
complete -c passwordless -n "__fish_passwordless_using_subcommand auth-configs; and __fish_seen_subcommand_from add" -s v -l verbose -d 'Trace each HTTP request and response on stderr (secrets masked)'
complete -c passwordless -n "__fish_passwordless_using_subcommand auth-configs; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help'
complete -c passwordless -n "__fish_passwordless_using_subcommand auth-configs; and __fish_seen_subcommand_from update" -l purpose -d 'The purpose: letters, digits, `-` and `_`, up to 255' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand auth-configs; and __fish_seen_subcommand_from update" -l user-verification -d 'User verification for sign-ins with this purpose [default: preferred]' -r -f -a "preferred\t''
required\t''
discouraged\t''"
complete -c passwordless -n "__fish_passwordless_using_subcommand auth-configs; and __fish_seen_subcommand_from update" -l ttl -d 'Lifetime of the verify tokens it issues, e.g. `2m`, `1h` [default: 2 minutes]' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand auth-configs; and __fish_seen_subcommand_from update" -l hint -d 'A hint for the browser\'s passkey dialog (repeat for more)' -r -f -a "security-key\t''
client-device\t''
hybrid\t''"
complete -c passwordless -n "__fish_passwordless_using_subcommand auth-configs; and __fish_seen_subcommand_from update" -l performed-by -d 'Who made the change, recorded by the server [default: passwordless-cli]' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand auth-configs; and __fish_seen_subcommand_from update" -l profile -d 'Configuration profile to use [default: default]' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand auth-configs; and __fish_seen_subcommand_from update" -l api-url -d 'Base URL of the Passwordless.dev API [default: https://v4.passwordless.dev]' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand auth-configs; and __fish_seen_subcommand_from update" -l timeout -d 'Give up on a request after this long, e.g. `10s`, `2m` or plain seconds' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand auth-configs; and __fish_seen_subcommand_from update" -l json -d 'Print the API\'s JSON instead of a table (errors become JSON on stderr)'
complete -c passwordless -n "__fish_passwordless_using_subcommand auth-configs; and __fish_seen_subcommand_from update" -s q -l quiet -d 'Print only the token or id, for use in `$(...)`'
complete -c passwordless -n "__fish_passwordless_using_subcommand auth-configs; and __fish_seen_subcommand_from update" -s v -l verbose -d 'Trace each HTTP request and response on stderr (secrets masked)'
complete -c passwordless -n "__fish_passwordless_using_subcommand auth-configs; and __fish_seen_subcommand_from update" -s h -l help -d 'Print help'
complete -c passwordless -n "__fish_passwordless_using_subcommand auth-configs; and __fish_seen_subcommand_from delete" -l purpose -r
complete -c passwordless -n "__fish_passwordless_using_subcommand auth-configs; and __fish_seen_subcommand_from delete" -l performed-by -d 'Who made the change, recorded by the server' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand auth-configs; and __fish_seen_subcommand_from delete" -l profile -d 'Configuration profile to use [default: default]' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand auth-configs; and __fish_seen_subcommand_from delete" -l api-url -d 'Base URL of the Passwordless.dev API [default: https://v4.passwordless.dev]' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand auth-configs; and __fish_seen_subcommand_from delete" -l timeout -d 'Give up on a request after this long, e.g. `10s`, `2m` or plain seconds' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand auth-configs; and __fish_seen_subcommand_from delete" -s y -l yes -d 'Do it without asking (required when stdin is not a terminal)'
complete -c passwordless -n "__fish_passwordless_using_subcommand auth-configs; and __fish_seen_subcommand_from delete" -l json -d 'Print the API\'s JSON instead of a table (errors become JSON on stderr)'
complete -c passwordless -n "__fish_passwordless_using_subcommand auth-configs; and __fish_seen_subcommand_from delete" -s q -l quiet -d 'Print only the token or id, for use in `$(...)`'
complete -c passwordless -n "__fish_passwordless_using_subcommand auth-configs; and __fish_seen_subcommand_from delete" -s v -l verbose -d 'Trace each HTTP request and response on stderr (secrets masked)'
complete -c passwordless -n "__fish_passwordless_using_subcommand auth-configs; and __fish_seen_subcommand_from delete" -s h -l help -d 'Print help'
complete -c passwordless -n "__fish_passwordless_using_subcommand authenticators; and not __fish_seen_subcommand_from list allow deny remove" -l profile -d 'Configuration profile to use [default: default]' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand authenticators; and not __fish_seen_subcommand_from list allow deny remove" -l api-url -d 'Base URL of the Passwordless.dev API [default: https://v4.passwordless.dev]' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand authenticators; and not __fish_seen_subcommand_from list allow deny remove" -l timeout -d 'Give up on a request after this long, e.g. `10s`, `2m` or plain seconds' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand authenticators; and not __fish_seen_subcommand_from list allow deny remove" -l json -d 'Print the API\'s JSON instead of a table (errors become JSON on stderr)'
complete -c passwordless -n "__fish_passwordless_using_subcommand authenticators; and not __fish_seen_subcommand_from list allow deny remove" -s q -l quiet -d 'Print only the token or id, for use in `$(...)`'
complete -c passwordless -n "__fish_passwordless_using_subcommand authenticators; and not __fish_seen_subcommand_from list allow deny remove" -s v -l verbose -d 'Trace each HTTP request and response on stderr (secrets masked)'
complete -c passwordless -n "__fish_passwordless_using_subcommand authenticators; and not __fish_seen_subcommand_from list allow deny remove" -s h -l help -d 'Print help'
complete -c passwordless -n "__fish_passwordless_using_subcommand authenticators; and not __fish_seen_subcommand_from list allow deny remove" -f -a "list" -d 'List the allow list, or the deny list with --denied (GET /authenticators/list)'
complete -c passwordless -n "__fish_passwordless_using_subcommand authenticators; and not __fish_seen_subcommand_from list allow deny remove" -f -a "allow" -d 'Add AAGUIDs to the allow list (POST /authenticators/add)'
complete -c passwordless -n "__fish_passwordless_using_subcommand authenticators; and not __fish_seen_subcommand_from list allow deny remove" -f -a "deny" -d 'Add AAGUIDs to the deny list (POST /authenticators/add)'
complete -c passwordless -n "__fish_passwordless_using_subcommand authenticators; and not __fish_seen_subcommand_from list allow deny remove" -f -a "remove" -d 'Remove AAGUIDs from either list (POST /authenticators/remove)'
complete -c passwordless -n "__fish_passwordless_using_subcommand authenticators; and __fish_seen_subcommand_from list" -l profile -d 'Configuration profile to use [default: default]' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand authenticators; and __fish_seen_subcommand_from list" -l api-url -d 'Base URL of the Passwordless.dev API [default: https://v4.passwordless.dev]' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand authenticators; and __fish_seen_subcommand_from list" -l timeout -d 'Give up on a request after this long, e.g. `10s`, `2m` or plain seconds' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand authenticators; and __fish_seen_subcommand_from list" -l denied -d 'Show the deny list instead of the allow list'
complete -c passwordless -n "__fish_passwordless_using_subcommand authenticators; and __fish_seen_subcommand_from list" -l json -d 'Print the API\'s JSON instead of a table (errors become JSON on stderr)'
complete -c passwordless -n "__fish_passwordless_using_subcommand authenticators; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only the token or id, for use in `$(...)`'
complete -c passwordless -n "__fish_passwordless_using_subcommand authenticators; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Trace each HTTP request and response on stderr (secrets masked)'
complete -c passwordless -n "__fish_passwordless_using_subcommand authenticators; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c passwordless -n "__fish_passwordless_using_subcommand authenticators; and __fish_seen_subcommand_from allow" -l profile -d 'Configuration profile to use [default: default]' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand authenticators; and __fish_seen_subcommand_from allow" -l api-url -d 'Base URL of the Passwordless.dev API [default: https://v4.passwordless.dev]' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand authenticators; and __fish_seen_subcommand_from allow" -l timeout -d 'Give up on a request after this long, e.g. `10s`, `2m` or plain seconds' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand authenticators; and __fish_seen_subcommand_from allow" -l json -d 'Print the API\'s JSON instead of a table (errors become JSON on stderr)'
complete -c passwordless -n "__fish_passwordless_using_subcommand authenticators; and __fish_seen_subcommand_from allow" -s q -l quiet -d 'Print only the token or id, for use in `$(...)`'
complete -c passwordless -n "__fish_passwordless_using_subcommand authenticators; and __fish_seen_subcommand_from allow" -s v -l verbose -d 'Trace each HTTP request and response on stderr (secrets masked)'
complete -c passwordless -n "__fish_passwordless_using_subcommand authenticators; and __fish_seen_subcommand_from allow" -s h -l help -d 'Print help'
complete -c passwordless -n "__fish_passwordless_using_subcommand authenticators; and __fish_seen_subcommand_from deny" -l profile -d 'Configuration profile to use [default: default]' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand authenticators; and __fish_seen_subcommand_from deny" -l api-url -d 'Base URL of the Passwordless.dev API [default: https://v4.passwordless.dev]' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand authenticators; and __fish_seen_subcommand_from deny" -l timeout -d 'Give up on a request after this long, e.g. `10s`, `2m` or plain seconds' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand authenticators; and __fish_seen_subcommand_from deny" -l json -d 'Print the API\'s JSON instead of a table (errors become JSON on stderr)'
complete -c passwordless -n "__fish_passwordless_using_subcommand authenticators; and __fish_seen_subcommand_from deny" -s q -l quiet -d 'Print only the token or id, for use in `$(...)`'
complete -c passwordless -n "__fish_passwordless_using_subcommand authenticators; and __fish_seen_subcommand_from deny" -s v -l verbose -d 'Trace each HTTP request and response on stderr (secrets masked)'
complete -c passwordless -n "__fish_passwordless_using_subcommand authenticators; and __fish_seen_subcommand_from deny" -s h -l help -d 'Print help'
complete -c passwordless -n "__fish_passwordless_using_subcommand authenticators; and __fish_seen_subcommand_from remove" -l profile -d 'Configuration profile to use [default: default]' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand authenticators; and __fish_seen_subcommand_from remove" -l api-url -d 'Base URL of the Passwordless.dev API [default: https://v4.passwordless.dev]' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand authenticators; and __fish_seen_subcommand_from remove" -l timeout -d 'Give up on a request after this long, e.g. `10s`, `2m` or plain seconds' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand authenticators; and __fish_seen_subcommand_from remove" -l json -d 'Print the API\'s JSON instead of a table (errors become JSON on stderr)'
complete -c passwordless -n "__fish_passwordless_using_subcommand authenticators; and __fish_seen_subcommand_from remove" -s q -l quiet -d 'Print only the token or id, for use in `$(...)`'
complete -c passwordless -n "__fish_passwordless_using_subcommand authenticators; and __fish_seen_subcommand_from remove" -s v -l verbose -d 'Trace each HTTP request and response on stderr (secrets masked)'
complete -c passwordless -n "__fish_passwordless_using_subcommand authenticators; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help'
complete -c passwordless -n "__fish_passwordless_using_subcommand events; and not __fish_seen_subcommand_from list" -l profile -d 'Configuration profile to use [default: default]' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand events; and not __fish_seen_subcommand_from list" -l api-url -d 'Base URL of the Passwordless.dev API [default: https://v4.passwordless.dev]' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand events; and not __fish_seen_subcommand_from list" -l timeout -d 'Give up on a request after this long, e.g. `10s`, `2m` or plain seconds' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand events; and not __fish_seen_subcommand_from list" -l json -d 'Print the API\'s JSON instead of a table (errors become JSON on stderr)'
complete -c passwordless -n "__fish_passwordless_using_subcommand events; and not __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only the token or id, for use in `$(...)`'
complete -c passwordless -n "__fish_passwordless_using_subcommand events; and not __fish_seen_subcommand_from list" -s v -l verbose -d 'Trace each HTTP request and response on stderr (secrets masked)'
complete -c passwordless -n "__fish_passwordless_using_subcommand events; and not __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c passwordless -n "__fish_passwordless_using_subcommand events; and not __fish_seen_subcommand_from list" -f -a "list" -d 'List events, newest first (GET /events); needs a plan with event logging'
complete -c passwordless -n "__fish_passwordless_using_subcommand events; and __fish_seen_subcommand_from list" -l page -d 'Page number, from 1' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand events; and __fish_seen_subcommand_from list" -l per-page -d 'Events per page, 1 to 1000' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand events; and __fish_seen_subcommand_from list" -l profile -d 'Configuration profile to use [default: default]' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand events; and __fish_seen_subcommand_from list" -l api-url -d 'Base URL of the Passwordless.dev API [default: https://v4.passwordless.dev]' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand events; and __fish_seen_subcommand_from list" -l timeout -d 'Give up on a request after this long, e.g. `10s`, `2m` or plain seconds' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand events; and __fish_seen_subcommand_from list" -l json -d 'Print the API\'s JSON instead of a table (errors become JSON on stderr)'
complete -c passwordless -n "__fish_passwordless_using_subcommand events; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only the token or id, for use in `$(...)`'
complete -c passwordless -n "__fish_passwordless_using_subcommand events; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Trace each HTTP request and response on stderr (secrets masked)'
complete -c passwordless -n "__fish_passwordless_using_subcommand events; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c passwordless -n "__fish_passwordless_using_subcommand reports; and not __fish_seen_subcommand_from credentials active-users" -l profile -d 'Configuration profile to use [default: default]' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand reports; and not __fish_seen_subcommand_from credentials active-users" -l api-url -d 'Base URL of the Passwordless.dev API [default: https://v4.passwordless.dev]' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand reports; and not __fish_seen_subcommand_from credentials active-users" -l timeout -d 'Give up on a request after this long, e.g. `10s`, `2m` or plain seconds' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand reports; and not __fish_seen_subcommand_from credentials active-users" -l json -d 'Print the API\'s JSON instead of a table (errors become JSON on stderr)'
complete -c passwordless -n "__fish_passwordless_using_subcommand reports; and not __fish_seen_subcommand_from credentials active-users" -s q -l quiet -d 'Print only the token or id, for use in `$(...)`'
complete -c passwordless -n "__fish_passwordless_using_subcommand reports; and not __fish_seen_subcommand_from credentials active-users" -s v -l verbose -d 'Trace each HTTP request and response on stderr (secrets masked)'
complete -c passwordless -n "__fish_passwordless_using_subcommand reports; and not __fish_seen_subcommand_from credentials active-users" -s h -l help -d 'Print help'
complete -c passwordless -n "__fish_passwordless_using_subcommand reports; and not __fish_seen_subcommand_from credentials active-users" -f -a "credentials" -d 'Users and credentials per day (GET /reporting/credentials/periodic)'
complete -c passwordless -n "__fish_passwordless_using_subcommand reports; and not __fish_seen_subcommand_from credentials active-users" -f -a "active-users" -d 'Daily and weekly active users (GET /reporting/active-users/periodic)'
complete -c passwordless -n "__fish_passwordless_using_subcommand reports; and __fish_seen_subcommand_from credentials" -l from -d 'First day, YYYY-MM-DD (inclusive)' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand reports; and __fish_seen_subcommand_from credentials" -l to -d 'Last day, YYYY-MM-DD (inclusive)' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand reports; and __fish_seen_subcommand_from credentials" -l profile -d 'Configuration profile to use [default: default]' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand reports; and __fish_seen_subcommand_from credentials" -l api-url -d 'Base URL of the Passwordless.dev API [default: https://v4.passwordless.dev]' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand reports; and __fish_seen_subcommand_from credentials" -l timeout -d 'Give up on a request after this long, e.g. `10s`, `2m` or plain seconds' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand reports; and __fish_seen_subcommand_from credentials" -l json -d 'Print the API\'s JSON instead of a table (errors become JSON on stderr)'
complete -c passwordless -n "__fish_passwordless_using_subcommand reports; and __fish_seen_subcommand_from credentials" -s q -l quiet -d 'Print only the token or id, for use in `$(...)`'
complete -c passwordless -n "__fish_passwordless_using_subcommand reports; and __fish_seen_subcommand_from credentials" -s v -l verbose -d 'Trace each HTTP request and response on stderr (secrets masked)'
complete -c passwordless -n "__fish_passwordless_using_subcommand reports; and __fish_seen_subcommand_from credentials" -s h -l help -d 'Print help'
complete -c passwordless -n "__fish_passwordless_using_subcommand reports; and __fish_seen_subcommand_from active-users" -l from -d 'First day, YYYY-MM-DD (inclusive)' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand reports; and __fish_seen_subcommand_from active-users" -l to -d 'Last day, YYYY-MM-DD (inclusive)' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand reports; and __fish_seen_subcommand_from active-users" -l profile -d 'Configuration profile to use [default: default]' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand reports; and __fish_seen_subcommand_from active-users" -l api-url -d 'Base URL of the Passwordless.dev API [default: https://v4.passwordless.dev]' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand reports; and __fish_seen_subcommand_from active-users" -l timeout -d 'Give up on a request after this long, e.g. `10s`, `2m` or plain seconds' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand reports; and __fish_seen_subcommand_from active-users" -l json -d 'Print the API\'s JSON instead of a table (errors become JSON on stderr)'
complete -c passwordless -n "__fish_passwordless_using_subcommand reports; and __fish_seen_subcommand_from active-users" -s q -l quiet -d 'Print only the token or id, for use in `$(...)`'
complete -c passwordless -n "__fish_passwordless_using_subcommand reports; and __fish_seen_subcommand_from active-users" -s v -l verbose -d 'Trace each HTTP request and response on stderr (secrets masked)'
complete -c passwordless -n "__fish_passwordless_using_subcommand reports; and __fish_seen_subcommand_from active-users" -s h -l help -d 'Print help'
complete -c passwordless -n "__fish_passwordless_using_subcommand admin; and not __fish_seen_subcommand_from apps api-keys health" -l profile -d 'Configuration profile to use [default: default]' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand admin; and not __fish_seen_subcommand_from apps api-keys health" -l api-url -d 'Base URL of the Passwordless.dev API [default: https://v4.passwordless.dev]' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand admin; and not __fish_seen_subcommand_from apps api-keys health" -l timeout -d 'Give up on a request after this long, e.g. `10s`, `2m` or plain seconds' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand admin; and not __fish_seen_subcommand_from apps api-keys health" -l json -d 'Print the API\'s JSON instead of a table (errors become JSON on stderr)'
complete -c passwordless -n "__fish_passwordless_using_subcommand admin; and not __fish_seen_subcommand_from apps api-keys health" -s q -l quiet -d 'Print only the token or id, for use in `$(...)`'
complete -c passwordless -n "__fish_passwordless_using_subcommand admin; and not __fish_seen_subcommand_from apps api-keys health" -s v -l verbose -d 'Trace each HTTP request and response on stderr (secrets masked)'
complete -c passwordless -n "__fish_passwordless_using_subcommand admin; and not __fish_seen_subcommand_from apps api-keys health" -s h -l help -d 'Print help'
complete -c passwordless -n "__fish_passwordless_using_subcommand admin; and not __fish_seen_subcommand_from apps api-keys health" -f -a "apps" -d 'Create, inspect, freeze and delete applications'
complete -c passwordless -n "__fish_passwordless_using_subcommand admin; and not __fish_seen_subcommand_from apps api-keys health" -f -a "api-keys" -d 'List, create, lock, unlock and delete an application\'s API keys'
complete -c passwordless -n "__fish_passwordless_using_subcommand admin; and not __fish_seen_subcommand_from apps api-keys health" -f -a "health" -d 'Check the server\'s health (anonymous /health routes)'
complete -c passwordless -n "__fish_passwordless_using_subcommand admin; and __fish_seen_subcommand_from apps" -l profile -d 'Configuration profile to use [default: default]' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand admin; and __fish_seen_subcommand_from apps" -l api-url -d 'Base URL of the Passwordless.dev API [default: https://v4.passwordless.dev]' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand admin; and __fish_seen_subcommand_from apps" -l timeout -d 'Give up on a request after this long, e.g. `10s`, `2m` or plain seconds' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand admin; and __fish_seen_subcommand_from apps" -l json -d 'Print the API\'s JSON instead of a table (errors become JSON on stderr)'
complete -c passwordless -n "__fish_passwordless_using_subcommand admin; and __fish_seen_subcommand_from apps" -s q -l quiet -d 'Print only the token or id, for use in `$(...)`'
complete -c passwordless -n "__fish_passwordless_using_subcommand admin; and __fish_seen_subcommand_from apps" -s v -l verbose -d 'Trace each HTTP request and response on stderr (secrets masked)'
complete -c passwordless -n "__fish_passwordless_using_subcommand admin; and __fish_seen_subcommand_from apps" -s h -l help -d 'Print help'
complete -c passwordless -n "__fish_passwordless_using_subcommand admin; and __fish_seen_subcommand_from apps" -f -a "available" -d 'Whether an application id is free'
complete -c passwordless -n "__fish_passwordless_using_subcommand admin; and __fish_seen_subcommand_from apps" -f -a "create" -d 'Create an application and print its keys (secrets masked unless --reveal)'
complete -c passwordless -n "__fish_passwordless_using_subcommand admin; and __fish_seen_subcommand_from apps" -f -a "freeze" -d 'Lock all of an application\'s keys'
complete -c passwordless -n "__fish_passwordless_using_subcommand admin; and __fish_seen_subcommand_from apps" -f -a "unfreeze" -d 'Unlock all of an application\'s keys'
complete -c passwordless -n "__fish_passwordless_using_subcommand admin; and __fish_seen_subcommand_from apps" -f -a "features" -d 'Show an application\'s features and plan limits'
complete -c passwordless -n "__fish_passwordless_using_subcommand admin; and __fish_seen_subcommand_from apps" -f -a "set-features" -d 'Change an application\'s features; unnamed ones stay as they are'
complete -c passwordless -n "__fish_passwordless_using_subcommand admin; and __fish_seen_subcommand_from apps" -f -a "can-delete" -d 'Whether an application can be deleted at once'
complete -c passwordless -n "__fish_passwordless_using_subcommand admin; and __fish_seen_subcommand_from apps" -f -a "mark-delete" -d 'Schedule an application for deletion'
complete -c passwordless -n "__fish_passwordless_using_subcommand admin; and __fish_seen_subcommand_from apps" -f -a "cancel-delete" -d 'Cancel a scheduled deletion'
complete -c passwordless -n "__fish_passwordless_using_subcommand admin; and __fish_seen_subcommand_from apps" -f -a "delete" -d 'Delete an application that is scheduled for deletion'
complete -c passwordless -n "__fish_passwordless_using_subcommand admin; and __fish_seen_subcommand_from apps" -f -a "pending-deletion" -d 'List applications scheduled for deletion'
complete -c passwordless -n "__fish_passwordless_using_subcommand admin; and __fish_seen_subcommand_from api-keys" -l profile -d 'Configuration profile to use [default: default]' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand admin; and __fish_seen_subcommand_from api-keys" -l api-url -d 'Base URL of the Passwordless.dev API [default: https://v4.passwordless.dev]' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand admin; and __fish_seen_subcommand_from api-keys" -l timeout -d 'Give up on a request after this long, e.g. `10s`, `2m` or plain seconds' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand admin; and __fish_seen_subcommand_from api-keys" -l json -d 'Print the API\'s JSON instead of a table (errors become JSON on stderr)'
complete -c passwordless -n "__fish_passwordless_using_subcommand admin; and __fish_seen_subcommand_from api-keys" -s q -l quiet -d 'Print only the token or id, for use in `$(...)`'
complete -c passwordless -n "__fish_passwordless_using_subcommand admin; and __fish_seen_subcommand_from api-keys" -s v -l verbose -d 'Trace each HTTP request and response on stderr (secrets masked)'
complete -c passwordless -n "__fish_passwordless_using_subcommand admin; and __fish_seen_subcommand_from api-keys" -s h -l help -d 'Print help'
complete -c passwordless -n "__fish_passwordless_using_subcommand admin; and __fish_seen_subcommand_from api-keys" -f -a "list" -d 'List an application\'s keys (secrets are masked by the server)'
complete -c passwordless -n "__fish_passwordless_using_subcommand admin; and __fish_seen_subcommand_from api-keys" -f -a "create-public" -d 'Create a public key [scopes default: register, login]'
complete -c passwordless -n "__fish_passwordless_using_subcommand admin; and __fish_seen_subcommand_from api-keys" -f -a "create-secret" -d 'Create a secret key [scopes default: token_register, token_verify]'
complete -c passwordless -n "__fish_passwordless_using_subcommand admin; and __fish_seen_subcommand_from api-keys" -f -a "lock" -d 'Lock a key: requests with it fail until unlocked'
complete -c passwordless -n "__fish_passwordless_using_subcommand admin; and __fish_seen_subcommand_from api-keys" -f -a "unlock" -d 'Unlock a key'
complete -c passwordless -n "__fish_passwordless_using_subcommand admin; and __fish_seen_subcommand_from api-keys" -f -a "delete" -d 'Delete a key for good'
complete -c passwordless -n "__fish_passwordless_using_subcommand admin; and __fish_seen_subcommand_from health" -l profile -d 'Configuration profile to use [default: default]' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand admin; and __fish_seen_subcommand_from health" -l api-url -d 'Base URL of the Passwordless.dev API [default: https://v4.passwordless.dev]' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand admin; and __fish_seen_subcommand_from health" -l timeout -d 'Give up on a request after this long, e.g. `10s`, `2m` or plain seconds' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand admin; and __fish_seen_subcommand_from health" -l json -d 'Print the API\'s JSON instead of a table (errors become JSON on stderr)'
complete -c passwordless -n "__fish_passwordless_using_subcommand admin; and __fish_seen_subcommand_from health" -s q -l quiet -d 'Print only the token or id, for use in `$(...)`'
complete -c passwordless -n "__fish_passwordless_using_subcommand admin; and __fish_seen_subcommand_from health" -s v -l verbose -d 'Trace each HTTP request and response on stderr (secrets masked)'
complete -c passwordless -n "__fish_passwordless_using_subcommand admin; and __fish_seen_subcommand_from health" -s h -l help -d 'Print help'
complete -c passwordless -n "__fish_passwordless_using_subcommand api" -s d -l data -d 'JSON body: inline, `@FILE`, or `-` for stdin' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand api" -l profile -d 'Configuration profile to use [default: default]' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand api" -l api-url -d 'Base URL of the Passwordless.dev API [default: https://v4.passwordless.dev]' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand api" -l timeout -d 'Give up on a request after this long, e.g. `10s`, `2m` or plain seconds' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand api" -l dry-run -d 'Print the request that would be sent (credential masked) and send nothing'
complete -c passwordless -n "__fish_passwordless_using_subcommand api" -l json -d 'Print the API\'s JSON instead of a table (errors become JSON on stderr)'
complete -c passwordless -n "__fish_passwordless_using_subcommand api" -s q -l quiet -d 'Print only the token or id, for use in `$(...)`'
complete -c passwordless -n "__fish_passwordless_using_subcommand api" -s v -l verbose -d 'Trace each HTTP request and response on stderr (secrets masked)'
complete -c passwordless -n "__fish_passwordless_using_subcommand api" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c passwordless -n "__fish_passwordless_using_subcommand config; and not __fish_seen_subcommand_from set-secret delete-secret set-management-key delete-management-key show set unset path" -l profile -d 'Configuration profile to use [default: default]' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand config; and not __fish_seen_subcommand_from set-secret delete-secret set-management-key delete-management-key show set unset path" -l api-url -d 'Base URL of the Passwordless.dev API [default: https://v4.passwordless.dev]' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand config; and not __fish_seen_subcommand_from set-secret delete-secret set-management-key delete-management-key show set unset path" -l timeout -d 'Give up on a request after this long, e.g. `10s`, `2m` or plain seconds' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand config; and not __fish_seen_subcommand_from set-secret delete-secret set-management-key delete-management-key show set unset path" -l json -d 'Print the API\'s JSON instead of a table (errors become JSON on stderr)'
complete -c passwordless -n "__fish_passwordless_using_subcommand config; and not __fish_seen_subcommand_from set-secret delete-secret set-management-key delete-management-key show set unset path" -s q -l quiet -d 'Print only the token or id, for use in `$(...)`'
complete -c passwordless -n "__fish_passwordless_using_subcommand config; and not __fish_seen_subcommand_from set-secret delete-secret set-management-key delete-management-key show set unset path" -s v -l verbose -d 'Trace each HTTP request and response on stderr (secrets masked)'
complete -c passwordless -n "__fish_passwordless_using_subcommand config; and not __fish_seen_subcommand_from set-secret delete-secret set-management-key delete-management-key show set unset path" -s h -l help -d 'Print help'
complete -c passwordless -n "__fish_passwordless_using_subcommand config; and not __fish_seen_subcommand_from set-secret delete-secret set-management-key delete-management-key show set unset path" -f -a "set-secret" -d 'Store the API secret in the OS keyring'
complete -c passwordless -n "__fish_passwordless_using_subcommand config; and not __fish_seen_subcommand_from set-secret delete-secret set-management-key delete-management-key show set unset path" -f -a "delete-secret" -d 'Remove the profile\'s API secret from the OS keyring'
complete -c passwordless -n "__fish_passwordless_using_subcommand config; and not __fish_seen_subcommand_from set-secret delete-secret set-management-key delete-management-key show set unset path" -f -a "set-management-key" -d 'Store a management key (for `admin` commands) in the OS keyring'
complete -c passwordless -n "__fish_passwordless_using_subcommand config; and not __fish_seen_subcommand_from set-secret delete-secret set-management-key delete-management-key show set unset path" -f -a "delete-management-key" -d 'Remove the profile\'s management key from the OS keyring'
complete -c passwordless -n "__fish_passwordless_using_subcommand config; and not __fish_seen_subcommand_from set-secret delete-secret set-management-key delete-management-key show set unset path" -f -a "show" -d 'Show the active profile, base URL and where the secret comes from (masked)'
complete -c passwordless -n "__fish_passwordless_using_subcommand config; and not __fish_seen_subcommand_from set-secret delete-secret set-management-key delete-management-key show set unset path" -f -a "set" -d 'Set a profile setting: `base-url URL` or `keyring-store secret-service|keyutils|insecure-file`'
complete -c passwordless -n "__fish_passwordless_using_subcommand config; and not __fish_seen_subcommand_from set-secret delete-secret set-management-key delete-management-key show set unset path" -f -a "unset" -d 'Remove a profile setting, going back to its default'
complete -c passwordless -n "__fish_passwordless_using_subcommand config; and not __fish_seen_subcommand_from set-secret delete-secret set-management-key delete-management-key show set unset path" -f -a "path" -d 'Print the path of the configuration file'
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
complete -c passwordless -n "__fish_passwordless_using_subcommand config; and __fish_seen_subcommand_from set-management-key" -l from-file -d 'Read the secret from this file instead of the prompt or stdin' -r -F
complete -c passwordless -n "__fish_passwordless_using_subcommand config; and __fish_seen_subcommand_from set-management-key" -l profile -d 'Configuration profile to use [default: default]' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand config; and __fish_seen_subcommand_from set-management-key" -l api-url -d 'Base URL of the Passwordless.dev API [default: https://v4.passwordless.dev]' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand config; and __fish_seen_subcommand_from set-management-key" -l timeout -d 'Give up on a request after this long, e.g. `10s`, `2m` or plain seconds' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand config; and __fish_seen_subcommand_from set-management-key" -l json -d 'Print the API\'s JSON instead of a table (errors become JSON on stderr)'
complete -c passwordless -n "__fish_passwordless_using_subcommand config; and __fish_seen_subcommand_from set-management-key" -s q -l quiet -d 'Print only the token or id, for use in `$(...)`'
complete -c passwordless -n "__fish_passwordless_using_subcommand config; and __fish_seen_subcommand_from set-management-key" -s v -l verbose -d 'Trace each HTTP request and response on stderr (secrets masked)'
complete -c passwordless -n "__fish_passwordless_using_subcommand config; and __fish_seen_subcommand_from set-management-key" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c passwordless -n "__fish_passwordless_using_subcommand config; and __fish_seen_subcommand_from delete-management-key" -l profile -d 'Configuration profile to use [default: default]' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand config; and __fish_seen_subcommand_from delete-management-key" -l api-url -d 'Base URL of the Passwordless.dev API [default: https://v4.passwordless.dev]' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand config; and __fish_seen_subcommand_from delete-management-key" -l timeout -d 'Give up on a request after this long, e.g. `10s`, `2m` or plain seconds' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand config; and __fish_seen_subcommand_from delete-management-key" -l json -d 'Print the API\'s JSON instead of a table (errors become JSON on stderr)'
complete -c passwordless -n "__fish_passwordless_using_subcommand config; and __fish_seen_subcommand_from delete-management-key" -s q -l quiet -d 'Print only the token or id, for use in `$(...)`'
complete -c passwordless -n "__fish_passwordless_using_subcommand config; and __fish_seen_subcommand_from delete-management-key" -s v -l verbose -d 'Trace each HTTP request and response on stderr (secrets masked)'
complete -c passwordless -n "__fish_passwordless_using_subcommand config; and __fish_seen_subcommand_from delete-management-key" -s h -l help -d 'Print help'
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
complete -c passwordless -n "__fish_passwordless_using_subcommand emulator; and not __fish_seen_subcommand_from exec fault outbox state" -l port -d 'Port to listen on (0 picks a free one)' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand emulator; and not __fish_seen_subcommand_from exec fault outbox state" -l bind -d 'Address to bind; anything but loopback needs --allow-remote' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand emulator; and not __fish_seen_subcommand_from exec fault outbox state" -l seed -d 'Users, aliases and credentials to start from (JSON or TOML)' -r -F
complete -c passwordless -n "__fish_passwordless_using_subcommand emulator; and not __fish_seen_subcommand_from exec fault outbox state" -l state -d 'Keep the state in FILE: loaded at start when it exists, saved after every change and on exit' -r -F
complete -c passwordless -n "__fish_passwordless_using_subcommand emulator; and not __fish_seen_subcommand_from exec fault outbox state" -l secret -d 'The development app\'s API secret, `<appid>:secret:<32 hex>` (a local dev key, printed at start)' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand emulator; and not __fish_seen_subcommand_from exec fault outbox state" -l public-key -d 'The development app\'s public API key, `<appid>:public:<32 hex>`, same app id as the secret' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand emulator; and not __fish_seen_subcommand_from exec fault outbox state" -l profile -d 'Configuration profile to use [default: default]' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand emulator; and not __fish_seen_subcommand_from exec fault outbox state" -l api-url -d 'Base URL of the Passwordless.dev API [default: https://v4.passwordless.dev]' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand emulator; and not __fish_seen_subcommand_from exec fault outbox state" -l timeout -d 'Give up on a request after this long, e.g. `10s`, `2m` or plain seconds' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand emulator; and not __fish_seen_subcommand_from exec fault outbox state" -l allow-remote -d 'Allow binding a non-loopback address (the dev keys are public: anyone who can reach the port can use them)'
complete -c passwordless -n "__fish_passwordless_using_subcommand emulator; and not __fish_seen_subcommand_from exec fault outbox state" -l log -d 'Log one line per request on stderr: method, path, status, latency'
complete -c passwordless -n "__fish_passwordless_using_subcommand emulator; and not __fish_seen_subcommand_from exec fault outbox state" -l deterministic -d 'Number tokens and trace ids sequentially, for reproducible test output'
complete -c passwordless -n "__fish_passwordless_using_subcommand emulator; and not __fish_seen_subcommand_from exec fault outbox state" -l json -d 'Print the API\'s JSON instead of a table (errors become JSON on stderr)'
complete -c passwordless -n "__fish_passwordless_using_subcommand emulator; and not __fish_seen_subcommand_from exec fault outbox state" -s q -l quiet -d 'Print only the token or id, for use in `$(...)`'
complete -c passwordless -n "__fish_passwordless_using_subcommand emulator; and not __fish_seen_subcommand_from exec fault outbox state" -s v -l verbose -d 'Trace each HTTP request and response on stderr (secrets masked)'
complete -c passwordless -n "__fish_passwordless_using_subcommand emulator; and not __fish_seen_subcommand_from exec fault outbox state" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c passwordless -n "__fish_passwordless_using_subcommand emulator; and not __fish_seen_subcommand_from exec fault outbox state" -f -a "exec" -d 'Start the emulator on a free port, run CMD against it, stop it, and exit with CMD\'s status'
complete -c passwordless -n "__fish_passwordless_using_subcommand emulator; and not __fish_seen_subcommand_from exec fault outbox state" -f -a "fault" -d 'Make a running emulator fail chosen requests (add, list, clear)'
complete -c passwordless -n "__fish_passwordless_using_subcommand emulator; and not __fish_seen_subcommand_from exec fault outbox state" -f -a "outbox" -d 'List the magic-link e-mails a running emulator has "sent"'
complete -c passwordless -n "__fish_passwordless_using_subcommand emulator; and not __fish_seen_subcommand_from exec fault outbox state" -f -a "state" -d 'Print the whole state of a running emulator as JSON (secrets masked)'
complete -c passwordless -n "__fish_passwordless_using_subcommand emulator; and __fish_seen_subcommand_from exec" -l seed -d 'Users, aliases and credentials to start from (JSON or TOML)' -r -F
complete -c passwordless -n "__fish_passwordless_using_subcommand emulator; and __fish_seen_subcommand_from exec" -l profile -d 'Configuration profile to use [default: default]' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand emulator; and __fish_seen_subcommand_from exec" -l api-url -d 'Base URL of the Passwordless.dev API [default: https://v4.passwordless.dev]' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand emulator; and __fish_seen_subcommand_from exec" -l timeout -d 'Give up on a request after this long, e.g. `10s`, `2m` or plain seconds' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand emulator; and __fish_seen_subcommand_from exec" -l log -d 'Log one line per request on stderr'
complete -c passwordless -n "__fish_passwordless_using_subcommand emulator; and __fish_seen_subcommand_from exec" -l json -d 'Print the API\'s JSON instead of a table (errors become JSON on stderr)'
complete -c passwordless -n "__fish_passwordless_using_subcommand emulator; and __fish_seen_subcommand_from exec" -s q -l quiet -d 'Print only the token or id, for use in `$(...)`'
complete -c passwordless -n "__fish_passwordless_using_subcommand emulator; and __fish_seen_subcommand_from exec" -s v -l verbose -d 'Trace each HTTP request and response on stderr (secrets masked)'
complete -c passwordless -n "__fish_passwordless_using_subcommand emulator; and __fish_seen_subcommand_from exec" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c passwordless -n "__fish_passwordless_using_subcommand emulator; and __fish_seen_subcommand_from fault" -l profile -d 'Configuration profile to use [default: default]' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand emulator; and __fish_seen_subcommand_from fault" -l api-url -d 'Base URL of the Passwordless.dev API [default: https://v4.passwordless.dev]' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand emulator; and __fish_seen_subcommand_from fault" -l timeout -d 'Give up on a request after this long, e.g. `10s`, `2m` or plain seconds' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand emulator; and __fish_seen_subcommand_from fault" -l json -d 'Print the API\'s JSON instead of a table (errors become JSON on stderr)'
complete -c passwordless -n "__fish_passwordless_using_subcommand emulator; and __fish_seen_subcommand_from fault" -s q -l quiet -d 'Print only the token or id, for use in `$(...)`'
complete -c passwordless -n "__fish_passwordless_using_subcommand emulator; and __fish_seen_subcommand_from fault" -s v -l verbose -d 'Trace each HTTP request and response on stderr (secrets masked)'
complete -c passwordless -n "__fish_passwordless_using_subcommand emulator; and __fish_seen_subcommand_from fault" -s h -l help -d 'Print help'
complete -c passwordless -n "__fish_passwordless_using_subcommand emulator; and __fish_seen_subcommand_from fault" -f -a "add" -d 'Fail requests to PATH with STATUS, after an optional delay, COUNT times or forever'
complete -c passwordless -n "__fish_passwordless_using_subcommand emulator; and __fish_seen_subcommand_from fault" -f -a "list" -d 'List the fault rules'
complete -c passwordless -n "__fish_passwordless_using_subcommand emulator; and __fish_seen_subcommand_from fault" -f -a "clear" -d 'Remove every fault rule'
complete -c passwordless -n "__fish_passwordless_using_subcommand emulator; and __fish_seen_subcommand_from outbox" -l url -d 'URL of the running emulator' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand emulator; and __fish_seen_subcommand_from outbox" -l profile -d 'Configuration profile to use [default: default]' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand emulator; and __fish_seen_subcommand_from outbox" -l api-url -d 'Base URL of the Passwordless.dev API [default: https://v4.passwordless.dev]' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand emulator; and __fish_seen_subcommand_from outbox" -l timeout -d 'Give up on a request after this long, e.g. `10s`, `2m` or plain seconds' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand emulator; and __fish_seen_subcommand_from outbox" -l json -d 'Print the API\'s JSON instead of a table (errors become JSON on stderr)'
complete -c passwordless -n "__fish_passwordless_using_subcommand emulator; and __fish_seen_subcommand_from outbox" -s q -l quiet -d 'Print only the token or id, for use in `$(...)`'
complete -c passwordless -n "__fish_passwordless_using_subcommand emulator; and __fish_seen_subcommand_from outbox" -s v -l verbose -d 'Trace each HTTP request and response on stderr (secrets masked)'
complete -c passwordless -n "__fish_passwordless_using_subcommand emulator; and __fish_seen_subcommand_from outbox" -s h -l help -d 'Print help'
complete -c passwordless -n "__fish_passwordless_using_subcommand emulator; and __fish_seen_subcommand_from state" -l url -d 'URL of the running emulator' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand emulator; and __fish_seen_subcommand_from state" -l profile -d 'Configuration profile to use [default: default]' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand emulator; and __fish_seen_subcommand_from state" -l api-url -d 'Base URL of the Passwordless.dev API [default: https://v4.passwordless.dev]' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand emulator; and __fish_seen_subcommand_from state" -l timeout -d 'Give up on a request after this long, e.g. `10s`, `2m` or plain seconds' -r
complete -c passwordless -n "__fish_passwordless_using_subcommand emulator; and __fish_seen_subcommand_from state" -l json -d 'Print the API\'s JSON instead of a table (errors become JSON on stderr)'
complete -c passwordless -n "__fish_passwordless_using_subcommand emulator; and __fish_seen_subcommand_from state" -s q -l quiet -d 'Print only the token or id, for use in `$(...)`'
complete -c passwordless -n "__fish_passwordless_using_subcommand emulator; and __fish_seen_subcommand_from state" -s v -l verbose -d 'Trace each HTTP request and response on stderr (secrets masked)'
complete -c passwordless -n "__fish_passwordless_using_subcommand emulator; and __fish_seen_subcommand_from state" -s h -l help -d 'Print help'
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
