package smtp

import (
	"context"
	"errors"
	"net/mail"

	gomail "github.com/wneessen/go-mail"

	"tiendo/internal/notify"
)

// Mailer is the reminder job's notify.Sender over SMTP: it sends e-mail
// through one SMTP server with github.com/wneessen/go-mail.
// It opens a connection per message: reminders go out in tens or hundreds a
// day, and a fresh connection per message keeps one failure from affecting
// the next. It is safe for concurrent use.
type Mailer struct {
	cfg  Config
	from *mail.Address
}

// NewMailer checks cfg and returns a Mailer for it; a *ConfigError when a
// setting cannot work or e-mail is off (no host).
func NewMailer(cfg Config) (*Mailer, error) {
	if !cfg.Enabled() {
		return nil, &ConfigError{Setting: EnvHost, Problem: "no SMTP server configured"}
	}
	if err := cfg.Check(); err != nil {
		return nil, err
	}
	from, err := mail.ParseAddress(cfg.From)
	if err != nil {
		return nil, &ConfigError{Setting: EnvFrom, Problem: "not an e-mail address: " + cfg.From}
	}
	return &Mailer{cfg: cfg, from: from}, nil
}

// Send delivers m in one SMTP conversation. Its error is a *SendError; the
// message is either accepted by the server for every recipient or not at all
// as far as the caller knows.
func (m *Mailer) Send(ctx context.Context, msg notify.Message) error {
	gm, err := m.build(msg)
	if err != nil {
		return &SendError{Subject: msg.Subject, Err: err}
	}
	c, err := gomail.NewClient(m.cfg.Host, m.options()...)
	if err != nil {
		return &SendError{Subject: msg.Subject, Err: err}
	}
	if err := c.DialAndSendWithContext(ctx, gm); err != nil {
		return &SendError{Subject: msg.Subject, Err: err}
	}
	return nil
}

// options maps the Config to go-mail's client options.
func (m *Mailer) options() []gomail.Option {
	opts := []gomail.Option{gomail.WithPort(m.cfg.Port), gomail.WithTimeout(m.cfg.Timeout)}
	switch m.cfg.TLS {
	case TLSNone:
		opts = append(opts, gomail.WithTLSPolicy(gomail.NoTLS))
	case TLSImplicit:
		opts = append(opts, gomail.WithSSL())
	default:
		opts = append(opts, gomail.WithTLSPolicy(gomail.TLSMandatory))
	}
	if m.cfg.TLSConfig != nil {
		opts = append(opts, gomail.WithTLSConfig(m.cfg.TLSConfig))
	}
	if m.cfg.Username != "" {
		// The strongest mechanism the server offers; PLAIN and LOGIN only
		// over TLS (Check refuses a password without TLS anyway).
		opts = append(opts, gomail.WithSMTPAuth(gomail.SMTPAuthAutoDiscover),
			gomail.WithUsername(m.cfg.Username), gomail.WithPassword(m.cfg.Password))
	}
	return opts
}

// build turns msg into a go-mail message: UTF-8 plain text in
// quoted-printable, the subject and names MIME-encoded (RFC 2047),
// Auto-Submitted set so that out-of-office replies are not sent back.
func (m *Mailer) build(msg notify.Message) (*gomail.Msg, error) {
	if len(msg.To)+len(msg.Cc) == 0 {
		return nil, errors.New("no recipients")
	}
	gm := gomail.NewMsg(gomail.WithCharset(gomail.CharsetUTF8), gomail.WithEncoding(gomail.EncodingQP))
	gm.FromMailAddress(m.from)
	if len(msg.To) > 0 {
		gm.ToMailAddress(addresses(msg.To)...)
	}
	if len(msg.Cc) > 0 {
		gm.CcMailAddress(addresses(msg.Cc)...)
	}
	gm.Subject(msg.Subject)
	gm.SetDate()
	gm.SetMessageID()
	gm.SetGenHeader("Auto-Submitted", "auto-generated")
	if msg.Rule != "" {
		gm.SetGenHeader("X-Tiendo-Rule", msg.Rule)
	}
	if msg.Key != "" {
		gm.SetGenHeader("X-Tiendo-Key", msg.Key)
	}
	gm.SetBodyString(gomail.TypeTextPlain, msg.Body)
	return gm, nil
}

func addresses(list []notify.Address) []*mail.Address {
	out := make([]*mail.Address, len(list))
	for i, a := range list {
		out[i] = &mail.Address{Name: a.Name, Address: a.Email}
	}
	return out
}
