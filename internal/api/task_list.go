package api

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"tiendo/internal/auth"
)

// taskList answers GET /plans/{id}/tasks: one page of the plan's tasks,
// filtered and sorted, with the total matching (app.PlanTaskList).
//
// A page is a function of the plan's facts version, today and the query
// (app.TaskListVersion), so its encoded body is kept under them and the
// next reader of the same page at the same version is answered from
// memory: one indexed read of the version instead of the list's queries,
// the statuses judged and the JSON encoded again. Dashboards poll this
// list; a write to the plan moves the version and the next reader reads
// the page afresh (issue 21).
func (a *api) taskList(w http.ResponseWriter, r *http.Request, u *auth.User) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	f, err := taskFilter(r.URL.Query())
	if err != nil {
		return err
	}
	f.PlanID = id
	version, day, err := a.app.TaskListVersion(r.Context(), u, id)
	if err != nil {
		return err
	}
	key := fmt.Sprintf("%d|%d|%s|%s", id, version, day.Format(time.DateOnly), r.URL.RawQuery)
	if body, ok := a.taskPages.get(key); ok {
		writeBody(w, body)
		return nil
	}
	tasks, total, now, err := a.app.PlanTaskList(r.Context(), u, f)
	if err != nil {
		return err
	}
	items := make([]taskJSON, len(tasks))
	for i := range tasks {
		taskView(&items[i], &tasks[i], now)
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false) // as writeJSON writes every other answer
	if err := enc.Encode(listJSON[taskJSON]{Items: items, Total: total}); err != nil {
		return fmt.Errorf("api: encoding the task list: %w", err)
	}
	// Kept only when judged on the day it is keyed by (midnight may pass
	// between the two reads).
	if now.Day.Equal(day) {
		a.taskPages.put(key, b.Bytes())
	}
	writeBody(w, b.Bytes())
	return nil
}

// writeBody answers 200 with an encoded JSON body, as writeJSON does.
func writeBody(w http.ResponseWriter, body []byte) {
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(body) // a failed write means the client left; nothing more to tell it
}
