package api

import (
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
)

// decodeStatus runs decodeJSON on body and returns the status it maps to (200 on success).
func decodeStatus(t *testing.T, contentType string, body io.Reader, length int64) (int, *apiError, taskPatchBody) {
	t.Helper()
	req := httptest.NewRequest("PATCH", "/api/v1/tasks/1", body)
	req.ContentLength = length
	req.Header.Set("Content-Type", contentType)
	var dst taskPatchBody
	err := decodeJSON(httptest.NewRecorder(), req, &dst)
	if err == nil {
		return 200, nil, dst
	}
	e := classify(err)
	return e.Status, e, dst
}

func TestDecodeJSON(t *testing.T) {
	big := `{"product": "` + strings.Repeat("x", MaxBody) + `"}`
	for _, tc := range []struct {
		name, ct, body string
		length         int64 // -1: unknown (chunked)
		status         int
		msg, field     string
	}{
		{"object", "application/json", `{"product": "a"}`, 0, 200, "", ""},
		{"merge patch type", "application/merge-patch+json", `{"product": null}`, 0, 200, "", ""},
		{"trailing whitespace", "application/json", "{}\n\n", 0, 200, "", ""},
		{"syntax error position", "application/json", `{"product": "a",, }`, 0, 400, "vị trí 17", ""},
		{"truncated", "application/json", `{"product": "a`, 0, 400, "kết thúc giữa chừng", ""},
		{"empty", "application/json", ``, 0, 400, "trống", ""},
		{"unknown field", "application/json", `{"colour": "red"}`, 0, 400, `"colour"`, "colour"},
		{"string for a number", "application/json", `{"section_id": "5"}`, 0, 400, "số nguyên", "section_id"},
		{"float for a number", "application/json", `{"lead_agency_id": 1.5}`, 0, 400, "số nguyên", "lead_agency_id"},
		{"number overflow", "application/json", `{"lead_agency_id": 1e30}`, 0, 400, "", "lead_agency_id"},
		{"object for an array", "application/json", `{"cooperating_agency_ids": {"a": 1}}`, 0, 400, "mảng", "cooperating_agency_ids"},
		{"array at the top", "application/json", `[1]`, 0, 400, "đối tượng JSON", ""},
		{"string at the top", "application/json", `"x"`, 0, 400, "đối tượng JSON", ""},
		{"trailing garbage", "application/json", `{} x`, 0, 400, "dữ liệu thừa", ""},
		{"no content type", "", `{}`, 0, 415, "Content-Type", ""},
		{"xml", "application/xml", `{}`, 0, 415, "", ""},
		{"declared too large", "application/json", `{}`, MaxBody + 1, 413, "", ""},
		{"chunked too large", "application/json", big, -1, 413, "1048576", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			length := tc.length
			if length == 0 {
				length = int64(len(tc.body))
			}
			var body io.Reader = strings.NewReader(tc.body)
			if tc.length == -1 {
				body = io.MultiReader(body) // hides the length
			}
			status, e, _ := decodeStatus(t, tc.ct, body, length)
			if status != tc.status {
				t.Fatalf("status %d, want %d (%v)", status, tc.status, e)
			}
			if e == nil {
				return
			}
			if !strings.Contains(e.Message, tc.msg) {
				t.Errorf("message %q does not contain %q", e.Message, tc.msg)
			}
			if tc.field != "" && e.Fields[tc.field] == "" {
				t.Errorf("no message for field %s: %v", tc.field, e.Fields)
			}
		})
	}
}

// TestOptionalFields checks the three states a PATCH field can be in.
func TestOptionalFields(t *testing.T) {
	_, e, in := decodeStatus(t, "application/json", strings.NewReader(`{"product": null, "text": "a", "version": 2}`), -1)
	if e != nil {
		t.Fatal(e)
	}
	if !in.Product.Set || !in.Product.Null {
		t.Errorf("product: %+v, want set and null", in.Product)
	}
	if !in.Text.Set || in.Text.Null || in.Text.Value != "a" {
		t.Errorf("text: %+v", in.Text)
	}
	if in.Title.Set || in.SectionID.Set {
		t.Error("absent fields marked as set")
	}
	if !in.Version.Set || in.Version.Value != 2 {
		t.Errorf("version: %+v", in.Version)
	}
}

// TestReadVersions: the versions a client says it read, from If-Match and
// the body, judged against a current version 3 as the use cases judge them.
func TestReadVersions(t *testing.T) {
	none := optional[int]{}
	body := func(v int) optional[int] { return optional[int]{Set: true, Value: v} }
	for _, tc := range []struct {
		name    string
		ifMatch string
		body    optional[int]
		status  int // 0 = accepted
	}{
		{"nothing sent", "", none, 0},
		{"strong", `"3"`, none, 0},
		{"weak", `W/"3"`, none, 0},
		{"bare number", `3`, none, 0},
		{"star", `*`, none, 0},
		{"list", `"1", W/"3"`, none, 0},
		{"stale", `"2"`, none, http.StatusConflict},
		{"garbage", `"three"`, none, http.StatusBadRequest},
		{"body version", "", body(3), 0},
		{"stale body version", "", body(2), http.StatusConflict},
		{"null body version", "", optional[int]{Set: true, Null: true}, 0},
		{"both agree", `"3"`, body(3), 0},
		{"both disagree", `"3"`, body(4), http.StatusConflict},
	} {
		t.Run(tc.name, func(t *testing.T) {
			read, err := readVersions(tc.ifMatch, tc.body)
			if err == nil && read != nil && !slices.Contains(read, 3) {
				err = conflict("stale") // what the use case answers when 3 is current
			}
			var e *apiError
			switch {
			case tc.status == 0 && err != nil:
				t.Errorf("refused: %v", err)
			case tc.status != 0 && (!errors.As(err, &e) || e.Status != tc.status):
				t.Errorf("got %v, want status %d", err, tc.status)
			}
		})
	}
}

// TestInternalErrorsHideDetails checks that an unexpected error is a bare
// 500 whose body says nothing of the cause.
func TestInternalErrorsHideDetails(t *testing.T) {
	a := New(Config{Log: slog.New(slog.DiscardHandler)}).(*api)
	rec := httptest.NewRecorder()
	req := httptest.NewRequest("GET", "/api/v1/plans", nil)
	a.fail(rec, req, errors.New(`sqlite: no such table "plans" at /var/lib/tiendo.db`))
	if rec.Code != 500 {
		t.Fatalf("status %d", rec.Code)
	}
	body := rec.Body.String()
	if strings.Contains(body, "sqlite") || strings.Contains(body, "/var/lib") || !strings.Contains(body, `"code":"internal"`) {
		t.Errorf("body %s", body)
	}
}
