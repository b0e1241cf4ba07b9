-- wrk script: POST a new task to plan PLAN_ID, section SECTION_ID (env), as TOKEN.
local plan = os.getenv("PLAN_ID")
local section = os.getenv("SECTION_ID")
local token = os.getenv("TOKEN")
local n = 0
request = function()
  n = n + 1
  local body = string.format('{"section_id":%s,"text":"Nhiệm vụ đo tải số %d: chuyển đổi số trong cơ quan nhà nước","deadline_text":"Quý %s/2027","product":"Báo cáo"}',
    section, n, ({"I","II","III","IV"})[n % 4 + 1])
  return wrk.format("POST", "/api/v1/plans/" .. plan .. "/tasks",
    {["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json"}, body)
end
