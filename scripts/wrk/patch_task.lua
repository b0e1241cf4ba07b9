-- wrk script: PATCH random tasks among ids FIRST_ID..LAST_ID (env), as TOKEN,
-- without If-Match (last writer wins), changing product and deadline.
local first = tonumber(os.getenv("FIRST_ID"))
local last = tonumber(os.getenv("LAST_ID"))
local token = os.getenv("TOKEN")
local n = 0
request = function()
  n = n + 1
  local id = math.random(first, last)
  local body = string.format('{"product":"Sản phẩm cập nhật lần %d","deadline_text":"tháng %d/2027"}', n, n % 12 + 1)
  return wrk.format("PATCH", "/api/v1/tasks/" .. id,
    {["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json"}, body)
end
response = function(status, headers, body)
  if status ~= 200 then
    io.stderr:write("status " .. status .. ": " .. body .. "\n")
  end
end
