package api

import (
	"encoding/json"
	"maps"
	"net/http"
	"net/http/httptest"
	"reflect"
	"slices"
	"strings"
	"testing"

	"tiendo/internal/app"
)

// registered returns the routes New registers, and the api they are on.
func registered(t *testing.T) (*api, []route) {
	t.Helper()
	h := New(Config{})
	a := h.(*api)
	rt := &router{a: &api{mux: http.NewServeMux()}}
	a.routes(rt)
	return a, rt.routes
}

// TestOpenAPICoversRoutes checks that every route registered in the mux is
// in the document, and every documented operation is served by the mux.
func TestOpenAPICoversRoutes(t *testing.T) {
	a, routes := registered(t)
	var doc struct {
		OpenAPI string                                `json:"openapi"`
		Paths   map[string]map[string]json.RawMessage `json:"paths"`
	}
	if err := json.Unmarshal(a.openapi, &doc); err != nil {
		t.Fatal(err)
	}
	if doc.OpenAPI != "3.1.0" {
		t.Errorf("openapi %q", doc.OpenAPI)
	}
	documented := map[string]bool{}
	for path, item := range doc.Paths {
		for method := range item {
			documented[strings.ToUpper(method)+" "+path] = true
		}
	}
	served := map[string]bool{}
	for _, r := range routes {
		served[r.Method+" "+r.Path] = true
		if !documented[r.Method+" "+r.Path] {
			t.Errorf("route %s %s is not in the OpenAPI document", r.Method, r.Path)
		}
	}
	for op := range documented {
		if !served[op] {
			t.Errorf("documented operation %s has no route", op)
		}
		// And the mux itself answers it (not just our route list).
		method, path, _ := strings.Cut(op, " ")
		req := httptest.NewRequest(method, Prefix+strings.ReplaceAll(path, "{id}", "1"), nil)
		if _, pattern := a.mux.Handler(req); pattern != method+" "+Prefix+path {
			t.Errorf("mux routes %s to %q", op, pattern)
		}
	}
}

// TestOpenAPIPermissions checks that every operation states its permission
// and that only the document itself is public.
func TestOpenAPIPermissions(t *testing.T) {
	_, routes := registered(t)
	doc := openapiDoc(routes)
	for path, item := range doc["paths"].(obj) {
		for method, op := range item.(obj) {
			o := op.(obj)
			perm, _ := o["x-permission"].(string)
			if perm == "" {
				t.Errorf("%s %s: no x-permission", method, path)
			}
			if sec, ok := o["security"]; ok != (perm == "public") || ok && len(sec.([]any)) != 0 {
				t.Errorf("%s %s: security %v for permission %s", method, path, sec, perm)
			}
		}
	}
}

// TestOpenAPISchemasMatchJSON checks that each schema's properties are
// exactly the JSON fields of the Go type the API encodes or decodes.
func TestOpenAPISchemasMatchJSON(t *testing.T) {
	s := schemas()
	for name, v := range map[string]any{
		"Task": taskJSON{}, "TaskDetail": taskDetailJSON{}, "Reference": referenceJSON{},
		"Plan": planJSON{}, "Section": sectionJSON{}, "Agency": agencyJSON{},
		"TaskCreate": taskFields{}, "TaskPatch": taskPatchBody{},
		"Period": periodJSON{}, "Report": reportJSON{}, "ReportDetail": reportDetailJSON{}, "Texts": textsJSON{},
		"Entry": entryJSON{}, "EntryPut": entryBody{}, "EntryPrevious": previousJSON{}, "EntryWarning": entryWarningJSON{}, "Contribution": contributionJSON{}, "IndicatorValue": valueJSON{},
		"File": fileJSON{}, "FlowEvent": flowEventJSON{}, "Revision": revisionJSON{}, "FlowBody": flowBody{},
		"ReturnBody": returnBody{}, "TaskPeriod": taskPeriodJSON{}, "MeDue": meDueJSON{}, "MeCounts": meCountsJSON{},
		"DueReport": dueReportJSON{}, "TaskAlert": taskAlertJSON{}, "Review": reviewJSON{}, "AgencyReport": agencyReportJSON{},
		"AgencyFigures": agencyFiguresJSON{}, "Figures": figuresJSON{}, "Error": errorBody{},
		"ContributionPut": contributionBody{}, "TextsPut": textsBody{},
		"IndicatorValuePut": valueBody{}, "Extension": extensionJSON{}, "ExtensionRequest": extensionBody{},
		"ExtensionDecision": decideBody{}, "Reorganisation": reorgBody{}, "ReorganisationResult": reorgJSON{},
		"ReorganisationMove": reorgMoveJSON{}, "ReplacementSuggestions": suggestionsJSON{}, "Replacement": replacementBody{},
		"ReplacementResult": replacementJSON{}, "Amendment": amendmentJSON{}, "AmendmentCreate": amendmentBody{},
		"ReorganisationRecord": reorgRecordJSON{}, "ReorganisationRecordList": reorgListJSON{}, "UndoResult": undoJSON{},
		"TaskChange": taskChange{}, "TaskHistoryEvent": historyEventJSON{},
		"PlanImportResult": app.ImportSummary{}, "PlanImportReference": app.ImportSummaryRef{}, "PlanImportWarning": app.ImportSummaryWarning{},
		"User": userJSON{}, "UserCreated": userCreatedJSON{}, "UserCreate": userCreateBody{}, "UserPatch": userPatchBody{},
		"PasswordReset": passwordResetJSON{}, "Notice": noticeJSON{},
	} {
		props := slices.Sorted(maps.Keys(s[name].(obj)["properties"].(obj)))
		fields := slices.Sorted(slices.Values(jsonFields(reflect.TypeOf(v))))
		if !slices.Equal(props, fields) {
			t.Errorf("schema %s has %v, Go type has %v", name, props, fields)
		}
	}
}

// jsonFields lists the JSON names of a struct's fields, embedded ones flattened.
func jsonFields(t reflect.Type) []string {
	var out []string
	for f := range t.Fields() {
		if f.Anonymous {
			out = append(out, jsonFields(f.Type)...)
			continue
		}
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name != "" && name != "-" {
			out = append(out, name)
		}
	}
	return out
}

// TestOpenAPIRefsResolve checks that every $ref in the document names a
// component that exists, and every schema, parameter and response defined
// is used by something.
func TestOpenAPIRefsResolve(t *testing.T) {
	a, _ := registered(t)
	var doc map[string]any
	if err := json.Unmarshal(a.openapi, &doc); err != nil {
		t.Fatal(err)
	}
	components := doc["components"].(map[string]any)
	used := map[string]bool{}
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			if r, ok := v["$ref"].(string); ok {
				used[r] = true
				kind, name, _ := strings.Cut(strings.TrimPrefix(r, "#/components/"), "/")
				group, _ := components[kind].(map[string]any)
				if _, ok := group[name]; !ok {
					t.Errorf("$ref %s names nothing", r)
				}
			}
			for _, x := range v {
				walk(x)
			}
		case []any:
			for _, x := range v {
				walk(x)
			}
		}
	}
	walk(doc)
	for _, kind := range []string{"schemas", "parameters", "responses", "headers"} {
		for name := range components[kind].(map[string]any) {
			if !used["#/components/"+kind+"/"+name] {
				t.Errorf("components/%s/%s is never used", kind, name)
			}
		}
	}
}
