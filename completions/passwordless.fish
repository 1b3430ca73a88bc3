complete --keep-order --exclusive --command passwordless --arguments "(COMPLETE=fish passwordless -- (commandline --current-process --tokenize --cut-at-cursor) (commandline --current-token))"
