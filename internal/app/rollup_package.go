package app

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"tiendo/internal/agency"
	"tiendo/internal/auth"
	"tiendo/internal/derrors"
	"tiendo/internal/plan"
	"tiendo/internal/reporting"
	"tiendo/internal/rollup"
	"tiendo/internal/vntext"
)

// The roll-up across instances: a province on its own server exports its
// part of an upstream plan's roll-up for a period as a package signed with
// its instance's key (rollup.Sign); the instance that rolls up (a
// ministry's, the country's) imports it when its admin has registered the
// sender's key, matching the upstream plan by its number, the period by its
// key and each upstream task by its STT and title.

// Identity is this instance as its packages name it.
type Identity struct {
	Name        string
	PublicKey   string // rollup.EncodeKey: what the receiving admin registers
	Fingerprint string
}

// Identity reads this instance's name and public key, making its key on
// first use (coordinator or admin: those who export).
func (a *App) Identity(ctx context.Context, by *auth.User) (_ *Identity, err error) {
	defer derrors.Wrap(&err, "app.Identity")
	if err := a.checkPermission(by, auth.EditPlan); err != nil {
		return nil, err
	}
	name, key, err := a.instanceKey(ctx, by)
	if err != nil {
		return nil, err
	}
	pub := key.Public().(ed25519.PublicKey)
	return &Identity{Name: name, PublicKey: rollup.EncodeKey(pub), Fingerprint: rollup.Fingerprint(pub)}, nil
}

// instanceKey reads this instance's signing key, making it on first use,
// named after the register's first People's Committee (the province the
// instance was set up for) until the admin names it.
func (a *App) instanceKey(ctx context.Context, by *auth.User) (string, ed25519.PrivateKey, error) {
	name, key, err := a.store.InstanceKey(ctx)
	if !errors.Is(err, derrors.NotFound) {
		return name, key, err
	}
	_, key, err = ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return "", nil, err
	}
	agencies, err := a.store.Agencies(ctx)
	if err != nil {
		return "", nil, err
	}
	name = "tiendo"
	var first int64
	for _, ag := range agencies {
		if ag.ParentID == 0 && ag.Kind == agency.KindProvince && ag.ActiveOn(a.Today()) && (first == 0 || ag.ID < first) {
			name, first = ag.Name, ag.ID
		}
	}
	return a.store.EnsureInstanceKey(ctx, userID(by), name, key)
}

// SetInstanceName names this instance in the packages it sends (admin).
func (a *App) SetInstanceName(ctx context.Context, by *auth.User, name string) (err error) {
	defer derrors.Wrap(&err, "app.SetInstanceName")
	if err := a.checkPermission(by, auth.ManageUsers); err != nil {
		return err
	}
	name = strings.TrimSpace(vntext.NFC(name))
	if name == "" || utf8.RuneCountInString(name) > 200 {
		return derrors.InvalidFields(map[string]string{"name": "Hãy nhập tên hệ thống gửi (tối đa 200 ký tự), ví dụ “Ủy ban nhân dân tỉnh Cà Mau”."}, "")
	}
	if _, _, err := a.instanceKey(ctx, by); err != nil {
		return err
	}
	return a.store.SetInstanceName(ctx, userID(by), name)
}

// Export is a package made: its file and a name for it.
type Export struct {
	File     []byte
	FileName string
	Package  *rollup.Package
}

// ExportPackage makes this instance's part of upstream plan planID's
// roll-up for its period periodID (0: today's) as a signed package: every
// upstream task with a task here linked to it, each linked task with its
// status, progress, latest accepted result and evidence (the documents
// its entry cites and the files attached, by name, size and SHA-256).
// Tasks received from other instances are not sent on. An upstream plan
// without a number cannot be matched by a receiver: Invalid (field
// "plan"); nothing linked: Invalid too.
func (a *App) ExportPackage(ctx context.Context, by *auth.User, planID, periodID int64) (_ *Export, err error) {
	defer derrors.Wrap(&err, "app.ExportPackage(plan %d, period %d)", planID, periodID)
	if err := a.checkPermission(by, auth.EditPlan); err != nil {
		return nil, err
	}
	r, err := a.Rollup(ctx, by, planID, periodID, RollupFilter{})
	if err != nil {
		return nil, err
	}
	if r.Plan.Code == "" {
		return nil, derrors.InvalidFields(map[string]string{"plan": "Kế hoạch cấp trên chưa có số, ký hiệu: hệ thống nhận gói tìm kế hoạch theo số. Hãy ghi số của kế hoạch trước khi xuất gói."}, "")
	}
	name, key, err := a.instanceKey(ctx, by)
	if err != nil {
		return nil, err
	}
	plans := map[int64]*plan.Plan{}
	for i := range r.Plans {
		plans[r.Plans[i].Plan.ID] = &r.Plans[i].Plan
	}
	pkg := &rollup.Package{Sender: rollup.Sender{Name: name}, CreatedAt: a.Now().UTC().Truncate(time.Millisecond),
		AsOf: r.AsOf.Format(time.DateOnly), Plan: planRef(&r.Plan), Period: periodRef(r.Period)}
	var wantFiles [][2]int64
	for _, it := range r.Items {
		for _, l := range it.Linked {
			if !l.Remote() && l.ResultReport != 0 {
				wantFiles = append(wantFiles, [2]int64{l.ResultReport, l.TaskID})
			}
		}
	}
	files, err := a.store.EvidenceFiles(ctx, wantFiles)
	if err != nil {
		return nil, err
	}
	for _, it := range r.Items {
		var local []rollup.PackageTask
		var st []plan.Status
		for _, l := range it.Linked {
			if l.Remote() {
				continue
			}
			pt := rollup.PackageTask{TaskID: l.TaskID, AgencyID: l.AgencyID, Number: l.Number, Title: l.Title,
				Agency: r.AgencyNames[l.AgencyID], Status: string(l.Status), OverdueDays: l.OverdueDays, Progress: l.Progress,
				Result: l.Result, ResultPeriod: l.ResultPeriod}
			if p := plans[l.PlanID]; p != nil {
				pt.Plan = planRef(p)
			}
			ev := rollup.Evidence{}
			if len(l.Evidence) > 0 {
				ev.Text = l.Evidence[0].Text
			}
			ev.Files = files[[2]int64{l.ResultReport, l.TaskID}]
			if ev.Text != "" || len(ev.Files) > 0 {
				pt.Evidence = []rollup.Evidence{ev}
			}
			local = append(local, pt)
			st = append(st, l.Status)
		}
		if len(local) == 0 {
			continue
		}
		pkg.Items = append(pkg.Items, rollup.PackageItem{UpstreamTask: rollup.TaskRef{Number: it.Number, Title: it.Title},
			Status: string(rollup.Combine(st)), Linked: local})
	}
	if len(pkg.Items) == 0 {
		return nil, derrors.InvalidFields(map[string]string{"plan": "Chưa có nhiệm vụ nào trên hệ thống này liên kết với kế hoạch cấp trên này: không có gì để gửi."}, "")
	}
	file, err := rollup.Sign(pkg, key)
	if err != nil {
		return nil, err
	}
	if err := a.store.AuditExport(ctx, userID(by), planID, r.Period.ID, len(pkg.Items)); err != nil {
		return nil, err
	}
	return &Export{File: file, Package: pkg, FileName: fmt.Sprintf("goi-tong-hop-%s-%s.json", slug(r.Plan.Code), r.Period.Key())}, nil
}

// planRef is p as packages name it.
func planRef(p *plan.Plan) rollup.PlanRef {
	ref := rollup.PlanRef{Code: p.Code, Title: p.Title, Issuer: p.Issuer, Level: string(p.Level)}
	if !p.IssuedOn.IsZero() {
		ref.IssuedOn = p.IssuedOn.Format(time.DateOnly)
	}
	return ref
}

// periodRef is p as packages name it.
func periodRef(p reporting.Period) rollup.PeriodRef {
	return rollup.PeriodRef{Key: p.Key(), Label: p.Label, Start: p.Start.Format(time.DateOnly), End: p.End.Format(time.DateOnly)}
}

// slug is s in ASCII letters, digits and dashes, for file names.
func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(vntext.Fold(s)) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}

// Imported is what importing a package did.
type Imported struct {
	Outcome  rollup.ImportOutcome
	Package  *rollup.Received
	Plan     plan.Plan
	Period   reporting.Period
	Sender   rollup.SenderKey
	Upstream int // upstream tasks the package speaks about
	Linked   int // linked tasks it carries
}

// Message says the outcome in Vietnamese, with what was received.
func (x *Imported) Message() string {
	return fmt.Sprintf("%s Gói của %s cho kế hoạch %s, %s: %s nhiệm vụ cấp trên, %s nhiệm vụ liên kết.",
		x.Outcome.Label(), x.Sender.Name, x.Plan.Code, x.Period.Label, vntext.FormatInt(x.Upstream), vntext.FormatInt(x.Linked))
}

// ImportPackage checks and keeps a package file received from another
// instance: its signature must hold (else Invalid, field "file"), its key
// be a sender the admin registered, its upstream plan be here by number
// and its period among that plan's, and every upstream task it names be
// found (by STT and title) — else Invalid with the reason, and nothing is
// kept. The same package again changes nothing; a newer one of the same
// sender and period replaces the one held; an older one is a Conflict.
func (a *App) ImportPackage(ctx context.Context, by *auth.User, file []byte) (_ *Imported, err error) {
	defer derrors.Wrap(&err, "app.ImportPackage")
	if err := a.checkPermission(by, auth.EditPlan); err != nil {
		return nil, err
	}
	refuse := func(format string, args ...any) error {
		msg := fmt.Sprintf(format, args...)
		return derrors.InvalidFields(map[string]string{"file": msg}, msg)
	}
	v, err := rollup.Verify(file)
	if errors.Is(err, rollup.ErrNotPackage) || errors.Is(err, rollup.ErrBadSignature) {
		return nil, refuse("%s", err.Error())
	}
	if err != nil {
		return nil, err
	}
	sender, err := a.store.SenderByKey(ctx, v.Key)
	if errors.Is(err, derrors.NotFound) {
		return nil, refuse("Gói được ký bằng khóa chưa đăng ký trên hệ thống này (dấu vân tay %s, gói ghi người gửi “%s”). Quản trị hệ thống cần đăng ký khóa công khai của hệ thống gửi trước khi nhận gói.",
			rollup.Fingerprint(v.Key), v.Sender.Name)
	}
	if err != nil {
		return nil, err
	}
	up, err := a.store.PlanByCode(ctx, v.Plan.Code)
	if errors.Is(err, derrors.NotFound) {
		return nil, refuse("Hệ thống này chưa có kế hoạch cấp trên số %s (“%s”). Hãy nhập kế hoạch đó trước khi nhận gói số liệu.", v.Plan.Code, v.Plan.Title)
	}
	if err != nil {
		return nil, err
	}
	periods, err := a.store.Periods(ctx, up.ID)
	if err != nil {
		return nil, err
	}
	period, ok := matchPeriod(periods, v.Period)
	if !ok {
		return nil, refuse("Kế hoạch %s trên hệ thống này không có kỳ báo cáo %s (%s – %s).", up.Code, v.Period.Label, v.Period.Start, v.Period.End)
	}
	tasks, err := a.store.PlanTasks(ctx, up.ID)
	if err != nil {
		return nil, err
	}
	asOf, err := time.Parse(time.DateOnly, v.AsOf)
	if err != nil {
		return nil, refuse("Gói ghi ngày số liệu không hợp lệ (“%s”).", v.AsOf)
	}
	rec := &rollup.Received{SenderID: sender.ID, Sender: clip(v.Sender.Name, 200), PlanID: up.ID, PeriodID: period.ID,
		PeriodKey: v.Period.Key, CreatedAt: v.CreatedAt.UTC(), AsOf: asOf, Digest: v.Digest, Body: file}
	if rec.Sender == "" {
		rec.Sender = sender.Name
	}
	match := newTaskMatcher(tasks)
	var missing []string
	for _, it := range v.Items {
		u := match.find(it.UpstreamTask)
		if u == nil {
			missing = append(missing, fmt.Sprintf("số %d “%s”", it.UpstreamTask.Number, clip(it.UpstreamTask.Title, 80)))
			continue
		}
		for _, pt := range it.Linked {
			l, err := receivedLinked(pt)
			if err != nil {
				return nil, refuse("%s", err.Error())
			}
			rec.Items = append(rec.Items, rollup.ReceivedItem{UpstreamTaskID: u.ID, Linked: l})
		}
	}
	if len(missing) > 0 {
		more := ""
		if len(missing) > 5 {
			more, missing = fmt.Sprintf(" và %d nhiệm vụ khác", len(missing)-5), missing[:5]
		}
		return nil, refuse("Kế hoạch %s trên hệ thống này không có nhiệm vụ cấp trên mà gói nhắc đến: %s%s. Hãy kiểm tra hai hệ thống có cùng một văn bản kế hoạch (kể cả các lần sửa đổi).",
			up.Code, strings.Join(missing, "; "), more)
	}
	out, err := a.store.ImportPackage(ctx, userID(by), rec)
	var older *rollup.ErrOlderPackage
	if errors.As(err, &older) {
		return nil, derrors.New(derrors.Conflict, "Đã có gói số liệu mới hơn của %s cho kế hoạch %s, %s (lập lúc %s); gói này lập lúc %s, cũ hơn, nên không nhập.",
			sender.Name, up.Code, period.Label, vntext.FormatDate(older.Held)+" "+older.Held.In(time.FixedZone("ICT", 7*3600)).Format("15:04"),
			vntext.FormatDate(rec.CreatedAt)+" "+rec.CreatedAt.In(time.FixedZone("ICT", 7*3600)).Format("15:04"))
	}
	if err != nil {
		return nil, err
	}
	x := &Imported{Outcome: out, Package: rec, Plan: *up, Period: period, Sender: *sender, Linked: len(rec.Items)}
	seen := map[int64]bool{}
	for _, it := range rec.Items {
		if !seen[it.UpstreamTaskID] {
			seen[it.UpstreamTaskID] = true
			x.Upstream++
		}
	}
	return x, nil
}

// matchPeriod finds the period of a package among a plan's: the one of
// the same key, else the one containing its last day.
func matchPeriod(periods []reporting.Period, ref rollup.PeriodRef) (reporting.Period, bool) {
	for _, p := range periods {
		if p.Key() == ref.Key {
			return p, true
		}
	}
	if end, err := time.Parse(time.DateOnly, ref.End); err == nil {
		for _, p := range periods {
			if p.Contains(end) {
				return p, true
			}
		}
	}
	return reporting.Period{}, false
}

// receivedLinked is a package's linked task as kept, checked: a status the
// roll-up knows, a progress 0–100, texts in NFC within bounds.
func receivedLinked(pt rollup.PackageTask) (rollup.Linked, error) {
	st := plan.Status(pt.Status)
	if !st.Valid() {
		return rollup.Linked{}, fmt.Errorf("Gói ghi tình trạng không hợp lệ (“%s”) cho nhiệm vụ “%s”.", clip(pt.Status, 40), clip(pt.Title, 80))
	}
	if pt.Progress < 0 || pt.Progress > 100 {
		return rollup.Linked{}, fmt.Errorf("Gói ghi tiến độ %d%% cho nhiệm vụ “%s”: tiến độ phải từ 0 đến 100%%.", pt.Progress, clip(pt.Title, 80))
	}
	l := rollup.Linked{TaskID: pt.TaskID, AgencyID: pt.AgencyID, Number: pt.Number, Title: clip(pt.Title, 2000),
		Status: st, OverdueDays: max(pt.OverdueDays, 0), Progress: pt.Progress, Result: clip(pt.Result, reporting.MaxText),
		ResultPeriod: clip(pt.ResultPeriod, 100), PlanCode: clip(pt.Plan.Code, 100), PlanTitle: clip(pt.Plan.Title, 2000),
		AgencyName: clip(pt.Agency, 500)}
	for _, e := range pt.Evidence {
		e.Text = clip(e.Text, reporting.MaxText)
		for i := range e.Files {
			e.Files[i].Name = clip(e.Files[i].Name, 255)
			e.Files[i].SHA256 = clip(e.Files[i].SHA256, 64)
		}
		l.Evidence = append(l.Evidence, e)
	}
	return l, nil
}

// clip is s in NFC, trimmed, cut to at most n characters.
func clip(s string, n int) string {
	s = strings.TrimSpace(vntext.NFC(s))
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n])
}

// taskMatcher finds a package's upstream task among the plan's: the task
// of the same STT when their titles agree (the same words without
// diacritics, or at least half their word pairs), else the one task whose
// title is the same.
type taskMatcher struct {
	byNumber map[int]*plan.Task
	byTitle  map[string][]*plan.Task
}

func newTaskMatcher(tasks []plan.Task) *taskMatcher {
	m := &taskMatcher{byNumber: numbered(tasks), byTitle: map[string][]*plan.Task{}}
	for i := range tasks {
		if tasks[i].RemovedOn.IsZero() {
			k := titleKey(rollup.TitleOf(&tasks[i]))
			m.byTitle[k] = append(m.byTitle[k], &tasks[i])
		}
	}
	return m
}

func titleKey(s string) string { return strings.Join(strings.Fields(vntext.Fold(s)), " ") }

func (m *taskMatcher) find(ref rollup.TaskRef) *plan.Task {
	key := titleKey(ref.Title)
	if t := m.byNumber[ref.Number]; t != nil {
		if own := rollup.TitleOf(t); titleKey(own) == key || plan.Similarity(own, ref.Title) >= 0.5 {
			return t
		}
	}
	if list := m.byTitle[key]; len(list) == 1 {
		return list[0]
	}
	return nil
}

// Senders lists the senders registered (admin).
func (a *App) Senders(ctx context.Context, by *auth.User) (_ []rollup.SenderKey, err error) {
	defer derrors.Wrap(&err, "app.Senders")
	if err := a.checkPermission(by, auth.ManageUsers); err != nil {
		return nil, err
	}
	return a.store.Senders(ctx)
}

// AddSender registers a sender's public key (admin): the key as the
// sender's key page shows it (rollup.EncodeKey), a name. A malformed key
// or empty name is Invalid; a key registered already, Duplicate.
func (a *App) AddSender(ctx context.Context, by *auth.User, name, key, note string) (_ *rollup.SenderKey, err error) {
	defer derrors.Wrap(&err, "app.AddSender")
	if err := a.checkPermission(by, auth.ManageUsers); err != nil {
		return nil, err
	}
	fe := map[string]string{}
	name, note = strings.TrimSpace(vntext.NFC(name)), strings.TrimSpace(vntext.NFC(note))
	if name == "" || utf8.RuneCountInString(name) > 200 {
		fe["name"] = "Hãy nhập tên hệ thống gửi (tối đa 200 ký tự), ví dụ “Ủy ban nhân dân tỉnh Cà Mau”."
	}
	if utf8.RuneCountInString(note) > 1000 {
		fe["note"] = "Ghi chú quá dài (tối đa 1.000 ký tự)."
	}
	pub, kerr := rollup.DecodeKey(key)
	if kerr != nil {
		fe["public_key"] = kerr.Error()
	}
	if len(fe) > 0 {
		return nil, derrors.InvalidFields(fe, "")
	}
	k := &rollup.SenderKey{Name: name, Key: pub, Note: note}
	err = a.store.AddSender(ctx, userID(by), k)
	if errors.Is(err, derrors.Duplicate) {
		return nil, derrors.New(derrors.Duplicate, "Khóa này đã được đăng ký (dấu vân tay %s).", rollup.Fingerprint(pub))
	}
	return k, err
}

// RevokeSender stops accepting packages signed with sender id's key
// (admin); packages received stay.
func (a *App) RevokeSender(ctx context.Context, by *auth.User, id int64) (err error) {
	defer derrors.Wrap(&err, "app.RevokeSender(%d)", id)
	if err := a.checkPermission(by, auth.ManageUsers); err != nil {
		return err
	}
	return notFoundAs(a.store.RevokeSender(ctx, userID(by), id), "Không có hệ thống gửi mã %d đang được nhận gói.", id)
}

// Packages lists the packages received, newest first (everyone who reads
// plans reads what was received).
func (a *App) Packages(ctx context.Context, by *auth.User, limit int) (_ []rollup.Received, err error) {
	defer derrors.Wrap(&err, "app.Packages")
	if err := a.checkPermission(by, auth.ReadPlan); err != nil {
		return nil, err
	}
	return a.store.Packages(ctx, limit)
}

// ReceivedPackage reads one package received with its file.
func (a *App) ReceivedPackage(ctx context.Context, by *auth.User, id int64) (_ *rollup.Received, err error) {
	defer derrors.Wrap(&err, "app.ReceivedPackage(%d)", id)
	if err := a.checkPermission(by, auth.ReadPlan); err != nil {
		return nil, err
	}
	r, err := a.store.Package(ctx, id)
	return r, notFoundAs(err, "Không có gói số liệu mã %d.", id)
}
