package web

import (
	"errors"
	"net/http"

	"tiendo/internal/app"
	"tiendo/internal/derrors"
	"tiendo/internal/rollup"
)

// The admin's page of keys: this instance's name and public key (which
// the instance it sends to registers), and the senders whose packages this
// instance accepts.

// keysView is the keys page.
type keysView struct {
	Identity *app.Identity
	Senders  []senderRow
	Name     string // the form's input
	Key      string
	Note     string
	Errors   map[string]string
	Added    bool
}

// senderRow is a sender with its key's fingerprint.
type senderRow struct {
	rollup.SenderKey
	Fingerprint string
}

// rollupKeys shows the keys page.
func (h *handler) rollupKeys(w http.ResponseWriter, r *http.Request) error {
	v, err := h.keysView(r)
	if err != nil {
		return err
	}
	v.Added = r.URL.Query().Get("added") == "1"
	return h.render(w, r, http.StatusOK, "rollup_keys", &page{Title: "Khóa gửi nhận gói số liệu", Nav: "users", Data: v})
}

func (h *handler) keysView(r *http.Request) (*keysView, error) {
	v := &keysView{}
	var err error
	if v.Identity, err = h.app.Identity(r.Context(), h.user(r)); err != nil {
		return nil, err
	}
	senders, err := h.app.Senders(r.Context(), h.user(r))
	if err != nil {
		return nil, err
	}
	for _, k := range senders {
		v.Senders = append(v.Senders, senderRow{SenderKey: k, Fingerprint: rollup.Fingerprint(k.Key)})
	}
	return v, nil
}

// rollupKeyAdd registers a sender's key.
func (h *handler) rollupKeyAdd(w http.ResponseWriter, r *http.Request) error {
	if err := parseForm(w, r); err != nil {
		return err
	}
	name, key, note := r.PostFormValue("name"), r.PostFormValue("public_key"), r.PostFormValue("note")
	_, err := h.app.AddSender(r.Context(), h.user(r), name, key, note)
	if errors.Is(err, derrors.Invalid) || errors.Is(err, derrors.Duplicate) {
		v, verr := h.keysView(r)
		if verr != nil {
			return verr
		}
		v.Name, v.Key, v.Note = name, key, note
		v.Errors = derrors.FieldsOf(err)
		if v.Errors == nil {
			v.Errors = map[string]string{"public_key": derrors.MessageOf(err)}
		}
		return reshow(http.StatusUnprocessableEntity, "rollup_keys", &page{Title: "Khóa gửi nhận gói số liệu", Nav: "users", Data: v})
	}
	if err != nil {
		return err
	}
	http.Redirect(w, r, "/rollup/keys?added=1", http.StatusSeeOther)
	return nil
}

// rollupKeyRevoke stops accepting sender {id}'s packages.
func (h *handler) rollupKeyRevoke(w http.ResponseWriter, r *http.Request) error {
	if err := parseForm(w, r); err != nil {
		return err
	}
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if err := h.app.RevokeSender(r.Context(), h.user(r), id); err != nil {
		return err
	}
	http.Redirect(w, r, "/rollup/keys", http.StatusSeeOther)
	return nil
}

// rollupIdentitySave renames this instance in the packages it sends.
func (h *handler) rollupIdentitySave(w http.ResponseWriter, r *http.Request) error {
	if err := parseForm(w, r); err != nil {
		return err
	}
	err := h.app.SetInstanceName(r.Context(), h.user(r), r.PostFormValue("name"))
	if errors.Is(err, derrors.Invalid) {
		v, verr := h.keysView(r)
		if verr != nil {
			return verr
		}
		v.Errors = derrors.FieldsOf(err)
		return reshow(http.StatusUnprocessableEntity, "rollup_keys", &page{Title: "Khóa gửi nhận gói số liệu", Nav: "users", Data: v})
	}
	if err != nil {
		return err
	}
	http.Redirect(w, r, "/rollup/keys", http.StatusSeeOther)
	return nil
}
