-- wrk script: POST /register/token with the emulator's development secret.
wrk.method = "POST"
wrk.path = "/register/token"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["ApiSecret"] = "devapp:secret:0123456789abcdef0123456789abcdef"
wrk.body = '{"userId":"bench-user","username":"bench@example.com","displayName":"Bench"}'
