package smtp_test

import (
	"context"
	"crypto/tls"
	"errors"
	"reflect"
	"strings"
	"testing"

	"tiendo/internal/notify"
	"tiendo/internal/notify/smtp"
	"tiendo/internal/notify/smtp/smtptest"
)

// vnSubject has every kind of Vietnamese letter a subject meets: tones,
// đ, capitals and an em dash.
const vnSubject = "Quá hạn 7 ngày: Báo cáo Quý II/2026 — Sở Khoa học và Công nghệ (ĐĂNG KÝ, Ưu tiên)"

func sampleMessage() notify.Message {
	return notify.Message{
		To:      []notify.Address{{Name: "Nguyễn Văn Đức", Email: "duc@stc.camau.gov.vn"}, {Name: "Trần Thị Ánh", Email: "anh@stc.camau.gov.vn"}},
		Cc:      []notify.Address{{Name: "Lê Hoàng Phúc", Email: "phuc@skhcn.camau.gov.vn"}},
		Subject: vnSubject,
		Body:    "Kính gửi: Sở Tài chính\n\nViệc sau đã quá hạn 7 ngày: Báo cáo Quý II/2026.\nĐề nghị hoàn thành và gửi ngay.\n",
		Rule:    "overdue-week-1",
		Key:     "report:1:2:3",
	}
}

func newMailer(t *testing.T, cfg smtp.Config) *smtp.Mailer {
	t.Helper()
	m, err := smtp.NewMailer(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestMailerPlain(t *testing.T) {
	srv := smtptest.Start(t, false)
	m := newMailer(t, smtp.Config{Host: srv.Host, Port: srv.Port, TLS: smtp.TLSNone, From: "Hệ thống tiendo <tiendo@camau.gov.vn>"})
	if err := m.Send(context.Background(), sampleMessage()); err != nil {
		t.Fatal(err)
	}
	msgs := srv.Messages()
	if len(msgs) != 1 {
		t.Fatalf("%d messages", len(msgs))
	}
	r := msgs[0]
	if r.From != "tiendo@camau.gov.vn" {
		t.Errorf("MAIL FROM %q", r.From)
	}
	if want := []string{"duc@stc.camau.gov.vn", "anh@stc.camau.gov.vn", "phuc@skhcn.camau.gov.vn"}; !reflect.DeepEqual(r.Rcpts, want) {
		t.Errorf("RCPT TO %q, want %q", r.Rcpts, want)
	}
	// The subject is MIME-encoded on the wire (no raw 8-bit) and decodes back exactly.
	if raw := r.Header.Get("Subject"); !strings.Contains(raw, "=?UTF-8?") || !isASCII(raw) {
		t.Errorf("raw Subject not RFC 2047 encoded: %q", raw)
	}
	if got := r.Subject(t); got != vnSubject {
		t.Errorf("Subject = %q, want %q", got, vnSubject)
	}
	to := r.Addresses(t, "To")
	if len(to) != 2 || to[0].Name != "Nguyễn Văn Đức" || to[0].Address != "duc@stc.camau.gov.vn" || to[1].Name != "Trần Thị Ánh" {
		t.Errorf("To = %v", to)
	}
	if cc := r.Addresses(t, "Cc"); len(cc) != 1 || cc[0].Name != "Lê Hoàng Phúc" {
		t.Errorf("Cc = %v", cc)
	}
	if from := r.Addresses(t, "From"); len(from) != 1 || from[0].Name != "Hệ thống tiendo" || from[0].Address != "tiendo@camau.gov.vn" {
		t.Errorf("From = %v", from)
	}
	for key, want := range map[string]string{
		"Content-Type":              "text/plain; charset=UTF-8",
		"Content-Transfer-Encoding": "quoted-printable",
		"Mime-Version":              "1.0",
		"Auto-Submitted":            "auto-generated",
		"X-Tiendo-Rule":             "overdue-week-1",
		"X-Tiendo-Key":              "report:1:2:3",
	} {
		if got := r.Header.Get(key); got != want {
			t.Errorf("%s = %q, want %q", key, got, want)
		}
	}
	if r.Header.Get("Message-Id") == "" || r.Header.Get("Date") == "" {
		t.Errorf("no Message-ID or Date: %v", r.Header)
	}
	if !isASCII(string(r.Raw)) {
		t.Error("the message on the wire has raw 8-bit bytes")
	}
	if got := strings.ReplaceAll(r.Body, "\r\n", "\n"); got != sampleMessage().Body {
		t.Errorf("body = %q, want %q", got, sampleMessage().Body)
	}
	if r.TLS || r.User != "" {
		t.Errorf("TLS %v user %q on a plain server", r.TLS, r.User)
	}
}

func TestMailerStartTLSAuth(t *testing.T) {
	srv := smtptest.Start(t, false, smtptest.WithTLS(t), smtptest.WithAuth("tiendo", "mật-khẩu"))
	cfg := smtp.Config{Host: srv.Host, Port: srv.Port, TLS: smtp.TLSStartTLS, From: "tiendo@camau.gov.vn",
		Username: "tiendo", Password: "mật-khẩu", TLSConfig: &tls.Config{RootCAs: srv.CA, ServerName: srv.Host, MinVersion: tls.VersionTLS12}}
	if err := newMailer(t, cfg).Send(context.Background(), sampleMessage()); err != nil {
		t.Fatal(err)
	}
	msgs := srv.Messages()
	if len(msgs) != 1 || !msgs[0].TLS || msgs[0].User != "tiendo" {
		t.Fatalf("received %+v", msgs)
	}
	if got := msgs[0].Subject(t); got != vnSubject {
		t.Errorf("Subject = %q", got)
	}

	cfg.Password = "sai"
	err := newMailer(t, cfg).Send(context.Background(), sampleMessage())
	var se *smtp.SendError
	if !errors.As(err, &se) {
		t.Errorf("wrong password: %v, want a *SendError", err)
	}
	if len(srv.Messages()) != 1 {
		t.Error("a message was accepted with a wrong password")
	}
}

func TestMailerImplicitTLS(t *testing.T) {
	srv := smtptest.Start(t, true, smtptest.WithTLS(t))
	cfg := smtp.Config{Host: srv.Host, Port: srv.Port, TLS: smtp.TLSImplicit, From: "tiendo@camau.gov.vn",
		TLSConfig: &tls.Config{RootCAs: srv.CA, ServerName: srv.Host, MinVersion: tls.VersionTLS12}}
	if err := newMailer(t, cfg).Send(context.Background(), sampleMessage()); err != nil {
		t.Fatal(err)
	}
	if msgs := srv.Messages(); len(msgs) != 1 || !msgs[0].TLS {
		t.Fatalf("received %+v", msgs)
	}
}

func TestMailerFailures(t *testing.T) {
	ctx := context.Background()
	plain := smtptest.Start(t, false)
	for _, c := range []struct {
		name string
		cfg  smtp.Config
		msg  notify.Message
	}{
		{"server down", smtp.Config{Host: "127.0.0.1", Port: smtptest.ClosedPort(t), TLS: smtp.TLSNone, From: "a@b.vn"}, sampleMessage()},
		{"STARTTLS required, not offered", smtp.Config{Host: plain.Host, Port: plain.Port, TLS: smtp.TLSStartTLS, From: "a@b.vn"}, sampleMessage()},
		{"no recipients", smtp.Config{Host: plain.Host, Port: plain.Port, TLS: smtp.TLSNone, From: "a@b.vn"}, notify.Message{Subject: "x", Body: "x"}},
	} {
		err := newMailer(t, c.cfg).Send(ctx, c.msg)
		var se *smtp.SendError
		if !errors.As(err, &se) {
			t.Errorf("%s: %v, want a *SendError", c.name, err)
		}
	}
	if n := len(plain.Messages()); n != 0 {
		t.Errorf("%d messages accepted", n)
	}
	if _, err := smtp.NewMailer(smtp.Config{}); err == nil {
		t.Error("NewMailer without a host succeeded")
	}
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
