package api

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"tiendo/internal/app"
	"tiendo/internal/auth"
	"tiendo/internal/plan"
	"tiendo/internal/planimport"
	"tiendo/internal/vntext"
)

// maxImportFiles bounds the files of one import taken together, as the web
// upload does: a plan with its appendices fits in far less.
const maxImportFiles = planimport.DefaultMaxBytes

// MaxImport is the largest body POST /plans/import accepts: the files and
// their multipart wrapping, with the mapping and register fields.
const MaxImport = maxImportFiles + 1<<20

// maxImportField bounds a text field of an import (a title, an agency
// name and its choice).
const maxImportField = 4 << 10

// planImport answers POST /plans/import: the files of one plan — its text
// (with or without the decision issuing it) and its appendix files — in
// the multipart field file (repeated), read as one plan by the same use
// case as the web page and the command line. Optional fields: map
// (repeated, "Tên=ID", "Tên=new", "Tên=none": what an agency name the
// register lacks stands for), create_agencies (true: create every name no
// map answers), and the register fields title, code, issued_on
// (YYYY-MM-DD), issuer, status, which override what the files say.
// Nothing is asked of anyone: a name left unanswered leaves its tasks
// unassigned, listed in unmatched_agencies. The answer is the object
// `tiendo plan import --json` prints: 201 with Location when stored, 200
// with plan_id null on ?dry_run=1; files the importer refuses are 422 (413
// when too large) with its message and its code as rule; nothing is
// stored then.
func (a *api) planImport(w http.ResponseWriter, r *http.Request, u *auth.User) error {
	if err := checkImportMultipart(r.Header.Get("Content-Type")); err != nil {
		return err
	}
	if r.ContentLength > MaxImport {
		return importTooLarge()
	}
	r.Body = http.MaxBytesReader(w, r.Body, MaxImport)
	in, err := readImport(r)
	if err != nil {
		return err
	}
	dry := r.URL.Query().Get("dry_run")
	in.DryRun = dry == "1" || dry == "true"
	in.Unattended = true
	res, err := a.app.ImportPlan(r.Context(), u, *in)
	if err != nil {
		return importRefused(err)
	}
	if in.DryRun {
		return a.writeJSON(w, http.StatusOK, res.Summary())
	}
	w.Header().Set("Location", Prefix+"/plans/"+strconv.FormatInt(res.PlanID, 10))
	return a.writeJSON(w, http.StatusCreated, res.Summary())
}

// checkImportMultipart accepts multipart/form-data with a boundary: 415
// otherwise, saying which fields the import takes.
func checkImportMultipart(ct string) error {
	if checkMultipart(ct) == nil {
		return nil
	}
	return &apiError{Status: http.StatusUnsupportedMediaType, Code: codeUnsupportedMedia,
		Message: "Gửi các tệp của kế hoạch dưới dạng multipart/form-data: mỗi tệp trong một trường \"file\"; các trường \"map\", \"create_agencies\", \"title\", \"code\", \"issued_on\", \"issuer\", \"status\" không bắt buộc."}
}

// readImport reads the multipart body part by part, without temporary
// files. Unknown fields are refused, as unknown JSON fields are; so is a
// field that cannot be read (a map without "=", a date not YYYY-MM-DD).
func readImport(r *http.Request) (*app.PlanImport, error) {
	mr, err := r.MultipartReader()
	if err != nil {
		return nil, checkImportMultipart("")
	}
	in := &app.PlanImport{Choices: map[string]app.AgencyChoice{}, Meta: &plan.Plan{}}
	left := int64(maxImportFiles)
	fe := map[string]string{}
	for {
		p, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, importReadError(err)
		}
		name := p.FormName()
		if name == "file" {
			data, err := io.ReadAll(io.LimitReader(p, left+1))
			p.Close()
			if err != nil {
				return nil, importReadError(err)
			}
			if left -= int64(len(data)); left < 0 {
				return nil, importTooLarge()
			}
			in.Files = append(in.Files, planimport.File{Name: p.FileName(), Data: data})
			continue
		}
		b, err := io.ReadAll(io.LimitReader(p, maxImportField+1))
		p.Close()
		if err != nil {
			return nil, importReadError(err)
		}
		if len(b) > maxImportField {
			fe[name] = "Giá trị quá dài."
			continue
		}
		if msg := setImportField(in, name, vntext.NFC(strings.TrimSpace(string(b)))); msg != "" {
			fe[name] = msg
		}
	}
	if len(fe) > 0 {
		return nil, badRequest(fe, "Thân yêu cầu không hợp lệ; xem từng trường.")
	}
	if len(in.Files) == 0 {
		return nil, invalid(map[string]string{"file": "Hãy gửi tệp kế hoạch (và các phụ lục nếu có), mỗi tệp trong một trường \"file\"."})
	}
	return in, nil
}

// setImportField sets one text field of an import; the answer says what
// is wrong with it, "" when nothing is.
func setImportField(in *app.PlanImport, name, v string) string {
	switch name {
	case "map":
		n, value, ok := strings.Cut(v, "=")
		n = strings.TrimSpace(n)
		c, good := parseChoice(strings.TrimSpace(value))
		if !ok || !good || n == "" {
			return "Mỗi trường \"map\" có dạng \"Tên=ID\" (cơ quan có sẵn), \"Tên=new\" (thêm cơ quan mới) hoặc \"Tên=none\" (không phải cơ quan)."
		}
		in.Choices[n] = c
	case "create_agencies":
		b, err := strconv.ParseBool(v)
		if err != nil {
			return "Giá trị phải là true hoặc false."
		}
		in.CreateAgencies = b
	case "title":
		in.Meta.Title = v
	case "code":
		in.Meta.Code = v
	case "issuer":
		in.Meta.Issuer = v
	case "status":
		if v != "" && !plan.PlanStatus(v).Valid() {
			return "Trạng thái phải là draft, active, replaced hoặc closed."
		}
		in.Meta.Status = plan.PlanStatus(v)
	case "issued_on":
		if v == "" {
			break
		}
		d, err := time.Parse(dateLayout, v)
		if err != nil {
			return "Ngày phải có dạng YYYY-MM-DD, ví dụ 2025-07-01."
		}
		in.Meta.IssuedOn = d
	default:
		return fmt.Sprintf("Trường %q không có trong API này; dùng \"file\", \"map\", \"create_agencies\", \"title\", \"code\", \"issued_on\", \"issuer\", \"status\".", name)
	}
	return ""
}

// parseChoice reads the value of a map field: an agency ID, new or none.
func parseChoice(v string) (app.AgencyChoice, bool) {
	switch v {
	case "new":
		return app.AgencyChoice{New: true}, true
	case "none":
		return app.AgencyChoice{NotAgency: true}, true
	}
	id, err := strconv.ParseInt(v, 10, 64)
	if err != nil || id <= 0 {
		return app.AgencyChoice{}, false
	}
	return app.AgencyChoice{AgencyID: id}, true
}

// importRefused turns the importer's refusal of a file into the client's
// error: 413 for a file too large or a zip bomb, 422 otherwise, the
// importer's message under fields.file and its code as rule. Other errors
// pass through.
func importRefused(err error) error {
	var ie *planimport.Error
	if !errors.As(err, &ie) {
		return err
	}
	status, code := http.StatusUnprocessableEntity, codeInvalid
	if ie.Code == planimport.CodeTooLarge || ie.Code == planimport.CodeZipBomb {
		status, code = http.StatusRequestEntityTooLarge, codeTooLarge
	}
	return &apiError{Status: status, Code: code, Message: ie.Message, Fields: map[string]string{"file": ie.Message}, Rule: ie.Code}
}

// importReadError is the answer to a multipart body that could not be
// read: 413 when it went over MaxImport, 400 when it is malformed.
func importReadError(err error) error {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return importTooLarge()
	}
	return badRequest(nil, "Không đọc được thân yêu cầu multipart/form-data.")
}

// importTooLarge is the 413 for files over the import's limit.
func importTooLarge() *apiError {
	msg := fmt.Sprintf("Các tệp quá lớn: mỗi lần nhập nhận tối đa %d MB (các tệp cộng lại).", maxImportFiles>>20)
	return &apiError{Status: http.StatusRequestEntityTooLarge, Code: codeTooLarge, Message: msg,
		Fields: map[string]string{"file": msg}, Rule: planimport.CodeTooLarge}
}
