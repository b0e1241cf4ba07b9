package smtp

import (
	"crypto/tls"
	"flag"
	"net/mail"
	"strconv"
	"strings"
	"time"
)

// TLSMode is how the connection to the SMTP server is protected.
type TLSMode string

// TLS modes, as written in TIENDO_SMTP_TLS.
const (
	TLSNone     TLSMode = "none"     // plain text: only for a relay on the same machine or network
	TLSStartTLS TLSMode = "starttls" // STARTTLS required (port 587); the default
	TLSImplicit TLSMode = "tls"      // TLS from the first byte (port 465)
)

// Environment variables of the SMTP settings. The flags of serve carry the
// same names in lower case without the prefix (--smtp-host …), except the
// password, which is read from the environment only so that it never shows
// in a process list.
const (
	EnvHost     = "TIENDO_SMTP_HOST"
	EnvPort     = "TIENDO_SMTP_PORT"
	EnvUser     = "TIENDO_SMTP_USER"
	EnvPassword = "TIENDO_SMTP_PASSWORD"
	EnvFrom     = "TIENDO_SMTP_FROM"
	EnvTLS      = "TIENDO_SMTP_TLS"
)

// defaultTimeout bounds one SMTP conversation (dial, TLS, AUTH, DATA).
const defaultTimeout = 30 * time.Second

// Config is how to reach the SMTP server. A Config without Host means
// e-mail is off: reminders are then in-app notices only.
type Config struct {
	Host     string
	Port     int // 0: 465 for TLSImplicit, 587 for TLSStartTLS, 25 for TLSNone
	Username string
	Password string
	From     string // "Hệ thống tiendo <tiendo@camau.gov.vn>" or a bare address
	TLS      TLSMode
	Timeout  time.Duration // 0: 30 s
	// TLSConfig, when set, replaces the default TLS settings, e.g. to trust
	// a province's private CA. Not read from the environment.
	TLSConfig *tls.Config
}

// settings are the SMTP settings as written, before checking.
type settings struct {
	host, port, user, password, from, tls string
}

func settingsFromEnv(getenv func(string) string) settings {
	return settings{host: getenv(EnvHost), port: getenv(EnvPort), user: getenv(EnvUser),
		password: getenv(EnvPassword), from: getenv(EnvFrom), tls: getenv(EnvTLS)}
}

// config checks the settings and returns the Config with its defaults.
func (st settings) config() (Config, error) {
	c := Config{
		Host:     strings.TrimSpace(st.host),
		Username: st.user,
		Password: st.password,
		From:     strings.TrimSpace(st.from),
		TLS:      TLSMode(strings.ToLower(strings.TrimSpace(st.tls))),
	}
	if p := strings.TrimSpace(st.port); p != "" && p != "0" {
		n, err := strconv.Atoi(p)
		if err != nil {
			return Config{}, &ConfigError{Setting: EnvPort, Problem: "not a port number: " + p}
		}
		c.Port = n
	}
	if err := c.Check(); err != nil {
		return Config{}, err
	}
	return c, nil
}

// FromEnv reads the SMTP settings from the environment through getenv
// (os.Getenv in main, a map in tests), checks them and fills the defaults.
// No TIENDO_SMTP_HOST gives a Config with e-mail off and no error.
func FromEnv(getenv func(string) string) (Config, error) {
	return settingsFromEnv(getenv).config()
}

// Flags registers --smtp-host, --smtp-port, --smtp-user, --smtp-from and
// --smtp-tls on fs, each defaulting to its environment variable, and
// returns the function that, after fs.Parse, checks the result and returns
// the Config (flags override the environment). The password has no flag:
// it is read from TIENDO_SMTP_PASSWORD only, so it never shows in a
// process list.
func Flags(fs *flag.FlagSet, getenv func(string) string) func() (Config, error) {
	st := settingsFromEnv(getenv)
	fs.StringVar(&st.host, "smtp-host", st.host, "SMTP server for reminders; empty: in-app notices only (env "+EnvHost+")")
	fs.StringVar(&st.port, "smtp-port", st.port, "SMTP port; empty: 465 for tls, 587 for starttls, 25 for none (env "+EnvPort+")")
	fs.StringVar(&st.user, "smtp-user", st.user, "SMTP user name; the password is read from "+EnvPassword+" only (env "+EnvUser+")")
	fs.StringVar(&st.from, "smtp-from", st.from, "sender of reminders, e.g. \"Hệ thống tiendo <tiendo@example.gov.vn>\" (env "+EnvFrom+")")
	fs.StringVar(&st.tls, "smtp-tls", st.tls, "none, starttls or tls; empty: starttls (env "+EnvTLS+")")
	return func() (Config, error) { return st.config() } // reads st after Parse (a method value would copy it now)
}

// Enabled reports whether e-mail is configured.
func (c Config) Enabled() bool { return c.Host != "" }

// Check fills the defaults (TLS mode, port, timeout) and reports the first
// setting that cannot work. A Config with e-mail off is always valid.
func (c *Config) Check() error {
	if !c.Enabled() {
		return nil
	}
	switch c.TLS {
	case "":
		c.TLS = TLSStartTLS
	case TLSNone, TLSStartTLS, TLSImplicit:
	default:
		return &ConfigError{Setting: EnvTLS, Problem: "want none, starttls or tls, not " + strconv.Quote(string(c.TLS))}
	}
	if c.Port == 0 {
		c.Port = map[TLSMode]int{TLSNone: 25, TLSStartTLS: 587, TLSImplicit: 465}[c.TLS]
	}
	if c.Port < 1 || c.Port > 65535 {
		return &ConfigError{Setting: EnvPort, Problem: "not a port number: " + strconv.Itoa(c.Port)}
	}
	if c.From == "" {
		return &ConfigError{Setting: EnvFrom, Problem: "the sender address is required when " + EnvHost + " is set"}
	}
	if _, err := mail.ParseAddress(c.From); err != nil {
		return &ConfigError{Setting: EnvFrom, Problem: "not an e-mail address: " + c.From}
	}
	if (c.Username == "") != (c.Password == "") {
		return &ConfigError{Setting: EnvPassword, Problem: "set both " + EnvUser + " and " + EnvPassword + ", or neither"}
	}
	// A password is not sent over an unprotected connection.
	if c.Username != "" && c.TLS == TLSNone {
		return &ConfigError{Setting: EnvTLS, Problem: "a user name and password need starttls or tls"}
	}
	if c.Timeout <= 0 {
		c.Timeout = defaultTimeout
	}
	return nil
}
