-- wrk script: POST /alias for a new user each time, so that every request changes the state.
local n = 0

request = function()
  n = n + 1
  local user = "alias-bench-" .. n
  local body = '{"userId":"' .. user .. '","aliases":["' .. user .. '@example.com"]}'
  return wrk.format("POST", "/alias", {
    ["Content-Type"] = "application/json",
    ["ApiSecret"] = "devapp:secret:0123456789abcdef0123456789abcdef",
  }, body)
end
