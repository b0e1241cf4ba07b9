package smtp_test

import (
	"errors"
	"flag"
	"io"
	"testing"
	"time"

	"tiendo/internal/notify/smtp"
)

func env(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func TestFromEnv(t *testing.T) {
	full := map[string]string{smtp.EnvHost: "mail.camau.gov.vn", smtp.EnvFrom: "Hệ thống tiendo <tiendo@camau.gov.vn>",
		smtp.EnvUser: "tiendo", smtp.EnvPassword: "bí mật"}
	with := func(k, v string) map[string]string {
		m := map[string]string{}
		for a, b := range full {
			m[a] = b
		}
		m[k] = v
		return m
	}
	cfg, err := smtp.FromEnv(env(nil))
	if err != nil || cfg.Enabled() {
		t.Fatalf("empty environment: %+v %v, want e-mail off", cfg, err)
	}
	cfg, err = smtp.FromEnv(env(full))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Port != 587 || cfg.TLS != smtp.TLSStartTLS || cfg.Timeout != 30*time.Second || cfg.Username != "tiendo" || cfg.Password != "bí mật" {
		t.Errorf("defaults: %+v", cfg)
	}
	for _, c := range []struct {
		tls  string
		port int
	}{{"tls", 465}, {"TLS", 465}, {"starttls", 587}} {
		cfg, err := smtp.FromEnv(env(with(smtp.EnvTLS, c.tls)))
		if err != nil || cfg.Port != c.port {
			t.Errorf("TLS %s: port %d (%v), want %d", c.tls, cfg.Port, err, c.port)
		}
	}
	noAuth := map[string]string{smtp.EnvHost: "localhost", smtp.EnvFrom: "a@b.vn", smtp.EnvTLS: "none"}
	if cfg, err := smtp.FromEnv(env(noAuth)); err != nil || cfg.Port != 25 {
		t.Errorf("none: %+v %v", cfg, err)
	}
	for _, c := range []struct {
		name    string
		env     map[string]string
		setting string
	}{
		{"no sender", map[string]string{smtp.EnvHost: "mail"}, smtp.EnvFrom},
		{"bad sender", with(smtp.EnvFrom, "không phải địa chỉ"), smtp.EnvFrom},
		{"port not a number", with(smtp.EnvPort, "smtp"), smtp.EnvPort},
		{"port out of range", with(smtp.EnvPort, "70000"), smtp.EnvPort},
		{"unknown TLS mode", with(smtp.EnvTLS, "ssl"), smtp.EnvTLS},
		{"user without password", with(smtp.EnvPassword, ""), smtp.EnvPassword},
		{"password in clear", with(smtp.EnvTLS, "none"), smtp.EnvTLS},
	} {
		_, err := smtp.FromEnv(env(c.env))
		var ce *smtp.ConfigError
		if !errors.As(err, &ce) || ce.Setting != c.setting {
			t.Errorf("%s: %v, want a ConfigError on %s", c.name, err, c.setting)
		}
	}
}

func TestConfigFlags(t *testing.T) {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	settings := smtp.Flags(fs, env(map[string]string{smtp.EnvHost: "mail.env", smtp.EnvFrom: "a@b.vn", smtp.EnvPort: "2525",
		smtp.EnvUser: "tiendo", smtp.EnvPassword: "bí mật"}))
	if err := fs.Parse([]string{"--smtp-host", "mail.flag", "--smtp-tls", "TLS", "--smtp-port", "", "--smtp-from", "tiendo@camau.gov.vn"}); err != nil {
		t.Fatal(err)
	}
	cfg, err := settings()
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Host != "mail.flag" || cfg.TLS != smtp.TLSImplicit || cfg.Port != 465 || cfg.From != "tiendo@camau.gov.vn" ||
		cfg.Username != "tiendo" || cfg.Password != "bí mật" {
		t.Errorf("after flags: %+v", cfg)
	}
	if fs.Lookup("smtp-password") != nil {
		t.Error("a password flag would show in the process list")
	}

	fs = flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	settings = smtp.Flags(fs, env(map[string]string{smtp.EnvHost: "mail.env", smtp.EnvFrom: "a@b.vn"}))
	if err := fs.Parse([]string{"--smtp-port", "x"}); err != nil {
		t.Fatal(err)
	}
	var ce *smtp.ConfigError
	if _, err := settings(); !errors.As(err, &ce) || ce.Setting != smtp.EnvPort {
		t.Errorf("bad --smtp-port: %v", err)
	}
}
