package api

import (
	"net/http"
	"strconv"

	"tiendo/internal/auth"
	"tiendo/internal/reporting"
)

// extensionBody is the body of POST /tasks/{id}/extensions. kind is
// "deadline" (gia hạn: deadline_text, written as plans write it) or
// "content" (điều chỉnh: title, text and/or product; one left empty stays
// as it is); reason is always required.
type extensionBody struct {
	Kind         string `json:"kind"`
	DeadlineText string `json:"deadline_text"`
	Title        string `json:"title"`
	Text         string `json:"text"`
	Product      string `json:"product"`
	Reason       string `json:"reason"`
}

// extensionRequest answers POST /tasks/{id}/extensions: the head or an
// officer of the task's lead agency asks for a new deadline or changed
// content, with a reason. The request waits for the coordinator (state
// pending); the task does not change until it is approved. The answer is
// 201 with the request and its Location.
func (a *api) extensionRequest(w http.ResponseWriter, r *http.Request, u *auth.User) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	var in extensionBody
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	e, err := a.app.RequestExtension(r.Context(), u, id, reporting.Extension{Kind: reporting.ExtensionKind(in.Kind),
		DeadlineText: in.DeadlineText, Title: in.Title, Text: in.Text, Product: in.Product, Reason: in.Reason})
	if err != nil {
		return extensionError(err)
	}
	w.Header().Set("Location", Prefix+"/extensions/"+strconv.FormatInt(e.ID, 10))
	return a.writeExtension(w, r, http.StatusCreated, e)
}
