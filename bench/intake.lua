-- wrk script for the real intake endpoint: POST /api/v1/complaints with the bearer token in
-- BENCH_TOKEN and a fresh Idempotency-Key per request (a repeated key would return the first
-- complaint instead of making one). The body says what the baseline's does, as a complaint.
local counter = 0
local token = os.getenv("BENCH_TOKEN")
local thread_id = tostring(math.random(1, 1000000000))

request = function()
  counter = counter + 1
  local body = '{"channel":"phone","subject":"电梯停运","description":"大厦电梯停运三天无人处理，要求尽快维修并赔偿。","customer":{"name":"陈大文","phone":"9' .. string.format("%07d", counter % 10000000) .. '"}}'
  local headers = {
    ["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer " .. token,
    ["Idempotency-Key"] = "bench-" .. thread_id .. "-" .. counter,
  }
  return wrk.format("POST", "/api/v1/complaints", headers, body)
end
