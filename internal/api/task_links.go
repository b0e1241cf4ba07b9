package api

import (
	"net/http"
	"time"

	"tiendo/internal/app"
	"tiendo/internal/auth"
	"tiendo/internal/plan"
	"tiendo/internal/rollup"
)

// A task's links to the upstream tasks it implements (plans linked across
// levels): read with what implements it and the history, set as a whole.

// taskLinksJSON is the body of GET and PUT /tasks/{id}/links.
type taskLinksJSON struct {
	TaskID          int64               `json:"task_id"`
	UpstreamTaskIDs []int64             `json:"upstream_task_ids"`
	Items           []taskLinkJSON      `json:"items"`
	Total           int                 `json:"total"`
	Downstream      []downstreamJSON    `json:"downstream"`
	History         []taskLinkEventJSON `json:"history"`
}

// taskLinkJSON is one upstream task the task implements.
type taskLinkJSON struct {
	UpstreamTaskID int64  `json:"upstream_task_id"`
	UpstreamPlanID int64  `json:"upstream_plan_id"`
	PlanCode       string `json:"plan_code"`
	Number         int    `json:"number"`
	Title          string `json:"title"`
	How            string `json:"how"`
	LinkedAt       string `json:"linked_at"`
	LinkedBy       *int64 `json:"linked_by"`
}

// downstreamJSON is one task that implements this one.
type downstreamJSON struct {
	TaskID   int64  `json:"task_id"`
	PlanID   int64  `json:"plan_id"`
	PlanCode string `json:"plan_code"`
	Number   int    `json:"number"`
	Title    string `json:"title"`
	How      string `json:"how"`
	LinkedAt string `json:"linked_at"`
}

// taskLinkEventJSON is one link made or ended.
type taskLinkEventJSON struct {
	Action         string `json:"action"` // "link" or "unlink"
	At             string `json:"at"`
	By             string `json:"by"`
	How            string `json:"how"`
	UpstreamTaskID int64  `json:"upstream_task_id"`
	Title          string `json:"title"`
	PlanCode       string `json:"plan_code"`
}

// taskLinksBody is the body of PUT /tasks/{id}/links.
type taskLinksBody struct {
	UpstreamTaskIDs *[]int64 `json:"upstream_task_ids"`
}

func taskLinksView(x *app.TaskLinks) *taskLinksJSON {
	out := &taskLinksJSON{TaskID: x.Task.ID, UpstreamTaskIDs: []int64{}, Items: []taskLinkJSON{}, Downstream: []downstreamJSON{},
		History: []taskLinkEventJSON{}}
	for _, l := range x.Current {
		out.UpstreamTaskIDs = append(out.UpstreamTaskIDs, l.UpstreamTaskID)
		out.Items = append(out.Items, taskLinkJSON{UpstreamTaskID: l.UpstreamTaskID, UpstreamPlanID: l.UpstreamPlanID,
			PlanCode: l.Plan.Code, Number: l.Number, Title: rollup.TitleOf(&l.Task), How: string(l.How),
			LinkedAt: l.LinkedAt.UTC().Format(time.RFC3339), LinkedBy: nullID(&l.LinkedBy)})
	}
	out.Total = len(out.Items)
	for _, l := range x.Downstream {
		out.Downstream = append(out.Downstream, downstreamJSON{TaskID: l.TaskID, PlanID: l.PlanID, PlanCode: l.Plan.Code,
			Number: l.Number, Title: rollup.TitleOf(&l.Task), How: string(l.How), LinkedAt: l.LinkedAt.UTC().Format(time.RFC3339)})
	}
	for _, e := range x.History {
		action := "unlink"
		if e.Linked {
			action = "link"
		}
		out.History = append(out.History, taskLinkEventJSON{Action: action, At: e.At.UTC().Format(time.RFC3339), By: e.By,
			How: string(e.How), UpstreamTaskID: e.UpstreamTaskID, Title: e.UpstreamTitle, PlanCode: e.PlanCode})
	}
	return out
}

// taskLinksGet answers GET /tasks/{id}/links.
func (a *api) taskLinksGet(w http.ResponseWriter, r *http.Request, u *auth.User) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	x, err := a.app.TaskLinks(r.Context(), u, id)
	if err != nil {
		return err
	}
	return a.writeJSON(w, http.StatusOK, taskLinksView(x))
}

// taskLinksPut answers PUT /tasks/{id}/links: the task implements exactly
// the upstream tasks listed (an empty list ends every link); links made
// and ended go into the history. One link the rules refuse and nothing
// changes (422, fields.upstream_task_ids says why).
func (a *api) taskLinksPut(w http.ResponseWriter, r *http.Request, u *auth.User) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	var in taskLinksBody
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	if in.UpstreamTaskIDs == nil {
		return invalid(map[string]string{"upstream_task_ids": "Hãy gửi danh sách mã nhiệm vụ cấp trên (upstream_task_ids); danh sách rỗng để bỏ mọi liên kết."})
	}
	for _, up := range *in.UpstreamTaskIDs {
		if up <= 0 {
			return invalid(map[string]string{"upstream_task_ids": "Mã nhiệm vụ cấp trên phải là số nguyên dương."})
		}
	}
	x, err := a.app.SetTaskLinks(r.Context(), u, id, *in.UpstreamTaskIDs, rollup.HowManual)
	if err != nil {
		return err
	}
	return a.writeJSON(w, http.StatusOK, taskLinksView(x))
}

// candidateJSON is an upstream task suggested for a link.
type candidateJSON struct {
	UpstreamTaskID int64   `json:"upstream_task_id"`
	Number         int     `json:"number"`
	Title          string  `json:"title"`
	Score          float64 `json:"score"`
}

type candidateListJSON struct {
	Items []candidateJSON `json:"items"`
	Total int             `json:"total"`
}

// taskLinkSuggestions answers GET /tasks/{id}/links/suggestions?plan=: the
// tasks of upstream plan plan most like this one by their words (without
// diacritics), best first, with their similarity (0–1).
func (a *api) taskLinkSuggestions(w http.ResponseWriter, r *http.Request, u *auth.User) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	fe := map[string]string{}
	up := queryID(r.URL.Query(), "plan", fe)
	if up == 0 && fe["plan"] == "" {
		fe["plan"] = "Hãy nêu kế hoạch cấp trên: plan=<mã kế hoạch>."
	}
	if len(fe) > 0 {
		return badRequest(fe, "Tham số truy vấn không hợp lệ; xem từng tham số.")
	}
	list, err := a.app.SuggestLinks(r.Context(), u, id, up)
	if err != nil {
		return err
	}
	out := candidateListJSON{Items: []candidateJSON{}, Total: len(list)}
	for _, c := range list {
		out.Items = append(out.Items, candidateJSON{UpstreamTaskID: c.TaskID, Number: c.Number, Title: c.Title,
			Score: float64(int(c.Score*1000+0.5)) / 1000})
	}
	return a.writeJSON(w, http.StatusOK, out)
}

// planLevelBody is the body of PUT /plans/{id}/level.
type planLevelBody struct {
	Level  *string `json:"level"`
	Issuer *string `json:"issuer"`
}

// planLevelPut answers PUT /plans/{id}/level: the plan's level (national,
// ministry, province, commune) and issuer; the issuer stays when not sent.
func (a *api) planLevelPut(w http.ResponseWriter, r *http.Request, u *auth.User) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	var in planLevelBody
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	p, err := a.app.Plan(r.Context(), id)
	if err != nil {
		return err
	}
	if in.Level == nil {
		return invalid(map[string]string{"level": "Hãy gửi cấp của kế hoạch: national, ministry, province hoặc commune."})
	}
	issuer := p.Issuer
	if in.Issuer != nil {
		issuer = *in.Issuer
	}
	if err := a.app.SetPlanLevel(r.Context(), u, id, plan.Level(*in.Level), issuer); err != nil {
		return err
	}
	if p, err = a.app.Plan(r.Context(), id); err != nil {
		return err
	}
	return a.writeJSON(w, http.StatusOK, planView(p))
}
