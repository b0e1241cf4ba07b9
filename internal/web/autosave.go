package web

import (
	"encoding/json"
	"net/http"
	"strings"

	"tiendo/internal/plan"
	"tiendo/internal/reporting"
)

// Autosave: the report form's script posts a line as it is typed, asking
// for JSON (Accept: application/json), and keeps the versions it gets back
// so that its next save is not taken for someone else's. Without the
// script the same handlers answer with pages.

// wantsJSON reports whether the request is the form's autosave.
func wantsJSON(r *http.Request) bool {
	return strings.Contains(r.Header.Get("Accept"), "application/json")
}

// autosaveReply is what a successful autosave gets back.
type autosaveReply struct {
	OK            bool             `json:"ok"`
	Version       int              `json:"version"`                  // the saved line's new version
	ReportVersion int              `json:"report_version,omitempty"` // the report's, for the texts and submit forms
	SavedAt       string           `json:"saved_at"`                 // HH:MM in Vietnam
	Message       string           `json:"message,omitempty"`
	Conflict      bool             `json:"conflict,omitempty"`
	Partial       bool             `json:"partial,omitempty"` // saved, except the fields named
	Fields        plan.FieldErrors `json:"fields,omitempty"`
	// Warnings ask for an explanation of a line that goes back on the
	// previous accepted report (reporting.EntryWarnings); the line is saved.
	Warnings []string `json:"warnings,omitempty"`
}

// autosaved answers a successful autosave, with the saved line's warnings.
// reportVersion, when 0, is read back (every save bumps the report's
// version).
func (h *handler) autosaved(w http.ResponseWriter, r *http.Request, reportID int64, version, reportVersion int,
	warnings ...reporting.EntryWarning) error {
	if reportVersion == 0 {
		var err error
		if reportVersion, err = h.app.ReportVersion(r.Context(), h.user(r), reportID); err != nil {
			return err
		}
	}
	reply := autosaveReply{OK: true, Version: version, ReportVersion: reportVersion, SavedAt: formatDateTime(h.app.Now())[11:]}
	for _, x := range warnings {
		reply.Warnings = append(reply.Warnings, x.Message)
	}
	return writeJSON(w, http.StatusOK, reply)
}

// autosavedPart answers an autosave that stored the valid fields only:
// the fields still wrong, with why, are shown until the next save.
func (h *handler) autosavedPart(w http.ResponseWriter, r *http.Request, reportID int64, version int, fe plan.FieldErrors,
	warnings ...reporting.EntryWarning) error {
	reportVersion, err := h.app.ReportVersion(r.Context(), h.user(r), reportID)
	if err != nil {
		return err
	}
	at := formatDateTime(h.app.Now())[11:]
	reply := autosaveReply{OK: true, Partial: true, Version: version, ReportVersion: reportVersion,
		SavedAt: at, Fields: fe, Message: "Đã tự động lưu lúc " + at + ", trừ các ô được đánh dấu: hãy sửa để lưu nốt."}
	for _, x := range warnings {
		reply.Warnings = append(reply.Warnings, x.Message)
	}
	return writeJSON(w, http.StatusOK, reply)
}

// rejectedJSON tells the autosave why a save was refused: a conflict (the
// script then posts the form normally, so that the person sees both
// versions) or field problems (shown until the next save).
func rejectedJSON(w http.ResponseWriter, status int, fe plan.FieldErrors) error {
	reply := autosaveReply{Fields: fe, Conflict: status == http.StatusConflict}
	reply.Message = "Chưa lưu: hãy kiểm tra các ô được đánh dấu."
	if reply.Conflict {
		reply.Message = msgEntryConflict
	}
	return writeJSON(w, status, reply)
}

func writeJSON(w http.ResponseWriter, status int, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_, _ = w.Write(b)
	return nil
}
