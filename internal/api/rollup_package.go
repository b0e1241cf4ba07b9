package api

import (
	"errors"
	"io"
	"mime"
	"net/http"
	"strconv"
	"time"

	"tiendo/internal/auth"
	"tiendo/internal/rollup"
)

// Packages across instances: a province exports its part of an upstream
// plan's roll-up as a signed JSON file; the instance that rolls up imports
// it from a registered sender.

// rollupPackageGet answers GET /plans/{id}/rollup/package?period=: this
// instance's part of upstream plan {id}'s roll-up for the period, signed
// with its key, as a JSON file download.
func (a *api) rollupPackageGet(w http.ResponseWriter, r *http.Request, u *auth.User) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	fe := map[string]string{}
	period := queryID(r.URL.Query(), "period", fe)
	if len(fe) > 0 {
		return badRequest(fe, "Tham số truy vấn không hợp lệ; xem từng tham số.")
	}
	x, err := a.app.ExportPackage(r.Context(), u, id, period)
	if err != nil {
		return err
	}
	return sendFile(w, "application/json", x.FileName, x.File)
}

// importedJSON is the answer to POST /rollup/packages.
type importedJSON struct {
	Outcome   string `json:"outcome"`
	Message   string `json:"message"`
	PackageID int64  `json:"package_id"`
	PlanID    int64  `json:"plan_id"`
	PeriodID  int64  `json:"period_id"`
	Sender    string `json:"sender"`
	Upstream  int    `json:"upstream"`
	Linked    int    `json:"linked"`
}

// rollupPackagePost answers POST /rollup/packages: the body is a package
// file as exported (application/json). 201 when it is new or replaces an
// older one, 200 when the same package was imported before (nothing
// changes); 422 with fields.file when its signature, sender, plan, period
// or tasks do not hold; 409 when a newer package of the period is held.
func (a *api) rollupPackagePost(w http.ResponseWriter, r *http.Request, u *auth.User) error {
	if mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err != nil || mt != "application/json" {
		return &apiError{Status: http.StatusUnsupportedMediaType, Code: codeUnsupportedMedia,
			Message: "Gửi gói số liệu đúng như tệp đã xuất, với tiêu đề \"Content-Type: application/json\"."}
	}
	if r.ContentLength > rollup.MaxPackageBytes {
		return &http.MaxBytesError{Limit: rollup.MaxPackageBytes}
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, rollup.MaxPackageBytes))
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return err
		}
		return badRequest(nil, "Không đọc được thân yêu cầu.")
	}
	x, err := a.app.ImportPackage(r.Context(), u, body)
	if err != nil {
		return err
	}
	status := http.StatusCreated
	if x.Outcome == rollup.ImportUnchanged {
		status = http.StatusOK
	}
	return a.writeJSON(w, status, importedJSON{Outcome: string(x.Outcome), Message: x.Message(), PackageID: x.Package.ID,
		PlanID: x.Plan.ID, PeriodID: x.Period.ID, Sender: x.Sender.Name, Upstream: x.Upstream, Linked: x.Linked})
}

// packageJSON is a package received.
type packageJSON struct {
	ID         int64   `json:"id"`
	SenderID   int64   `json:"sender_id"`
	Sender     string  `json:"sender"`
	PlanID     int64   `json:"plan_id"`
	PeriodID   int64   `json:"period_id"`
	PeriodKey  string  `json:"period_key"`
	CreatedAt  string  `json:"created_at"`
	AsOf       string  `json:"asof"`
	Digest     string  `json:"digest"`
	ImportedAt string  `json:"imported_at"`
	ReplacedAt *string `json:"replaced_at"`
}

type packageListJSON struct {
	Items []packageJSON `json:"items"`
	Total int           `json:"total"`
}

// rollupPackageList answers GET /rollup/packages: the packages received,
// newest first, replaced ones included (replaced_at set), at most 100.
func (a *api) rollupPackageList(w http.ResponseWriter, r *http.Request, u *auth.User) error {
	list, err := a.app.Packages(r.Context(), u, 100)
	if err != nil {
		return err
	}
	out := packageListJSON{Items: []packageJSON{}, Total: len(list)}
	for _, p := range list {
		out.Items = append(out.Items, packageJSON{ID: p.ID, SenderID: p.SenderID, Sender: p.Sender, PlanID: p.PlanID,
			PeriodID: p.PeriodID, PeriodKey: p.PeriodKey, CreatedAt: p.CreatedAt.UTC().Format(time.RFC3339), AsOf: day(p.AsOf),
			Digest: p.Digest, ImportedAt: p.ImportedAt.UTC().Format(time.RFC3339), ReplacedAt: nullTime(p.ReplacedAt)})
	}
	return a.writeJSON(w, http.StatusOK, out)
}

// identityJSON is this instance as its packages name it.
type identityJSON struct {
	Name        string `json:"name"`
	PublicKey   string `json:"public_key"`
	Fingerprint string `json:"fingerprint"`
}

// rollupIdentityGet answers GET /rollup/identity: this instance's sender
// name and public key (made on first use), which the receiving admin
// registers.
func (a *api) rollupIdentityGet(w http.ResponseWriter, r *http.Request, u *auth.User) error {
	id, err := a.app.Identity(r.Context(), u)
	if err != nil {
		return err
	}
	return a.writeJSON(w, http.StatusOK, identityJSON{Name: id.Name, PublicKey: id.PublicKey, Fingerprint: id.Fingerprint})
}

// senderJSON is a sender registered.
type senderJSON struct {
	ID          int64   `json:"id"`
	Name        string  `json:"name"`
	PublicKey   string  `json:"public_key"`
	Fingerprint string  `json:"fingerprint"`
	Note        string  `json:"note"`
	AddedAt     string  `json:"added_at"`
	RevokedAt   *string `json:"revoked_at"`
}

type senderListJSON struct {
	Items []senderJSON `json:"items"`
	Total int          `json:"total"`
}

type senderBody struct {
	Name      string `json:"name"`
	PublicKey string `json:"public_key"`
	Note      string `json:"note"`
}

func senderView(k *rollup.SenderKey) senderJSON {
	return senderJSON{ID: k.ID, Name: k.Name, PublicKey: rollup.EncodeKey(k.Key), Fingerprint: rollup.Fingerprint(k.Key),
		Note: k.Note, AddedAt: k.AddedAt.UTC().Format(time.RFC3339), RevokedAt: nullTime(k.RevokedAt)}
}

// rollupSenderList answers GET /rollup/senders (admin).
func (a *api) rollupSenderList(w http.ResponseWriter, r *http.Request, u *auth.User) error {
	list, err := a.app.Senders(r.Context(), u)
	if err != nil {
		return err
	}
	out := senderListJSON{Items: []senderJSON{}, Total: len(list)}
	for i := range list {
		out.Items = append(out.Items, senderView(&list[i]))
	}
	return a.writeJSON(w, http.StatusOK, out)
}

// rollupSenderPost answers POST /rollup/senders (admin): registers a
// sender's public key; 201 and the sender.
func (a *api) rollupSenderPost(w http.ResponseWriter, r *http.Request, u *auth.User) error {
	var in senderBody
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	k, err := a.app.AddSender(r.Context(), u, in.Name, in.PublicKey, in.Note)
	if err != nil {
		return err
	}
	w.Header().Set("Location", Prefix+"/rollup/senders/"+strconv.FormatInt(k.ID, 10))
	return a.writeJSON(w, http.StatusCreated, senderView(k))
}

// rollupSenderDelete answers DELETE /rollup/senders/{id} (admin): packages
// signed with the sender's key are refused from now on; the sender stays
// listed (revoked_at) and its packages received stay. 204.
func (a *api) rollupSenderDelete(w http.ResponseWriter, r *http.Request, u *auth.User) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if err := a.app.RevokeSender(r.Context(), u, id); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
