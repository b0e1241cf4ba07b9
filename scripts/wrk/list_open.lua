-- wrk script: the hot list, open tasks by due date, first page of 50, as TOKEN.
local plan = os.getenv("PLAN_ID")
local token = os.getenv("TOKEN")
wrk.headers["Authorization"] = "Bearer " .. token
wrk.path = "/api/v1/plans/" .. plan .. "/tasks?status=open&sort=due&limit=50"
