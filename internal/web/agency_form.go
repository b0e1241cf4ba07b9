package web

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"tiendo/internal/agency"
	"tiendo/internal/derrors"
	"tiendo/internal/vntext"
)

// agencyForm is the data of the agency form, for a new agency and an edit.
type agencyForm struct {
	ID        int64 // 0 for a new agency
	Version   int
	Name      string
	ShortName string
	Aliases   string // one per line, as typed
	Kind      agency.Kind
	ParentID  int64
	ValidFrom string // dd/mm/yyyy as typed
	ValidTo   string

	Kinds   []agency.Kind
	Parents []agency.Agency // choices for the parent, in Vietnamese collation
	Errors  map[string]string
	Error   string
}

// newAgencyForm returns a form with its choices; list is every agency.
func newAgencyForm(list []agency.Agency, self int64) *agencyForm {
	var parents []agency.Agency
	for _, a := range list {
		if a.ID != self {
			parents = append(parents, a)
		}
	}
	vntext.Sort(parents, func(a agency.Agency) string { return a.Name })
	return &agencyForm{Kinds: agency.Kinds, Parents: parents, Kind: agency.KindDepartment}
}

// fill sets the form's fields from a stored agency.
func (f *agencyForm) fill(a *agency.Agency) {
	f.ID = a.ID
	f.Version = a.Version
	f.Name = a.Name
	f.ShortName = a.ShortName
	f.Aliases = strings.Join(a.Aliases, "\n")
	f.Kind = a.Kind
	f.ParentID = a.ParentID
	f.ValidFrom = vntext.FormatDate(a.ValidFrom)
	f.ValidTo = vntext.FormatDate(a.ValidTo)
}

// read copies the posted fields into the form.
func (f *agencyForm) read(w http.ResponseWriter, r *http.Request) error {
	if err := parseForm(w, r); err != nil {
		return err
	}
	f.Name = r.PostFormValue("name")
	f.ShortName = r.PostFormValue("short_name")
	f.Aliases = r.PostFormValue("aliases")
	f.Kind = agency.Kind(r.PostFormValue("kind"))
	f.ParentID = formID(r.PostFormValue("parent_id"))
	f.ValidFrom = r.PostFormValue("valid_from")
	f.ValidTo = r.PostFormValue("valid_to")
	f.Version, _ = strconv.Atoi(r.PostFormValue("version"))
	return nil
}

// agency is the agency the form describes (id: 0 for a new one), with the
// problems of the fields that cannot be read as typed (the dates), by
// field. The register's rules are the use case's (agency.Check).
func (f *agencyForm) agency(id int64) (*agency.Agency, map[string]string) {
	a := &agency.Agency{ID: id, Version: f.Version, Name: f.Name, ShortName: f.ShortName,
		Aliases: strings.Split(f.Aliases, "\n"), Kind: f.Kind, ParentID: f.ParentID}
	unread := map[string]string{}
	var err error
	if a.ValidFrom, err = parseDate(f.ValidFrom); err != nil {
		unread["valid_from"] = err.Error()
	}
	if a.ValidTo, err = parseDate(f.ValidTo); err != nil {
		unread["valid_to"] = err.Error()
	}
	return a, unread
}

// saveAgencyForm saves the form's agency with save (app.CreateAgency or
// app.UpdateAgency). When a field cannot be read, nothing is saved and
// the form comes back with that problem and those the register's rules
// find (app.CheckAgency); when the use case refuses, with its problems
// beside their fields (422), or its message when someone saved the agency
// since the form was read (409).
func (h *handler) saveAgencyForm(r *http.Request, f *agencyForm, pg *page, id int64, save func(*agency.Agency) error) error {
	a, unread := f.agency(id)
	if len(unread) > 0 {
		fe, err := h.app.CheckAgency(r.Context(), h.user(r), a)
		if err != nil {
			return err
		}
		for k, v := range fe {
			if unread[k] == "" {
				unread[k] = v
			}
		}
		f.Errors = unread
		return reshow(http.StatusUnprocessableEntity, "agency_form", pg)
	}
	err := save(a)
	switch {
	case errors.Is(err, derrors.Invalid):
		f.Errors = derrors.FieldsOf(err)
		return reshow(http.StatusUnprocessableEntity, "agency_form", pg)
	case errors.Is(err, derrors.Conflict):
		f.Error = derrors.MessageOf(err)
		return reshow(http.StatusConflict, "agency_form", pg)
	}
	return err
}
