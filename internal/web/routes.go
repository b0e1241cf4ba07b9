package web

import (
	"net/http"

	"tiendo/internal/auth"
)

// router is what routes registers on: *http.ServeMux in production, a
// recorder in the test that checks every route's permission.
type router interface {
	Handle(pattern string, handler http.Handler)
}

// routes registers every HTML route with the permission it needs, one per
// line, so that who may do what is read in one place.
func (h *handler) routes(mux router) {
	mux.Handle("GET /static/{hash}/{file}", h.can(auth.Public, h.staticFile))
	mux.Handle("GET /login", h.can(auth.Public, h.loginShow))
	mux.Handle("POST /login", h.can(auth.Public, h.loginSubmit))
	mux.Handle("POST /logout", h.can(auth.Public, h.logout))
	// The second factor after a right password: a pending sign-in (a
	// short-lived challenge cookie), not yet a session.
	mux.Handle("GET /login/2fa", h.can(auth.Public, h.twoFactorShow))
	mux.Handle("POST /login/2fa", h.can(auth.Public, h.twoFactorSubmit))
	// One-time password links (a new account's setup, a reset): set the
	// password and, where the role requires it, enrol the second factor.
	mux.Handle("GET /login/link/{token}", h.can(auth.Public, h.passwordLinkShow))
	mux.Handle("POST /login/link/{token}", h.can(auth.Public, h.passwordLinkSubmit))
	mux.Handle("GET /login/forgot", h.can(auth.Public, h.passwordForgotShow))
	mux.Handle("POST /login/forgot", h.can(auth.Public, h.passwordForgotSubmit))
	// Single sign-on (OpenID Connect), when configured.
	mux.Handle("GET /login/oidc", h.can(auth.Public, h.oidcStart))
	mux.Handle("GET /login/oidc/callback", h.can(auth.Public, h.oidcCallback))

	// Each user's own account: password, two-factor, sessions.
	mux.Handle("GET /account", h.can(auth.OwnAccount, h.accountShow))
	mux.Handle("POST /account/password", h.can(auth.OwnAccount, h.accountPassword))
	mux.Handle("POST /account/sessions/revoke", h.can(auth.OwnAccount, h.accountSignOutEverywhere))
	mux.Handle("GET /account/2fa", h.can(auth.OwnAccount, h.accountTwoFactorShow))
	mux.Handle("POST /account/2fa", h.can(auth.OwnAccount, h.accountTwoFactorEnable))
	mux.Handle("POST /account/2fa/disable", h.can(auth.OwnAccount, h.accountTwoFactorDisable))
	mux.Handle("POST /account/recovery-codes", h.can(auth.OwnAccount, h.accountRecoveryCodes))
	mux.Handle("GET /account/tokens", h.can(auth.OwnAccount, h.tokenList))
	mux.Handle("POST /account/tokens", h.can(auth.OwnAccount, h.tokenCreate))
	mux.Handle("POST /account/tokens/{id}/revoke", h.can(auth.OwnAccount, h.tokenRevoke))

	mux.Handle("GET /{$}", h.can(auth.ReadPlan, h.home))
	mux.Handle("GET /search", h.can(auth.ReadPlan, h.searchShow))

	mux.Handle("GET /plans", h.can(auth.ReadPlan, h.planList))
	mux.Handle("GET /plans/{id}", h.can(auth.ReadPlan, h.planShow))
	mux.Handle("GET /plans/{id}/tasks/new", h.can(auth.EditPlan, h.taskNew))
	mux.Handle("POST /plans/{id}/tasks/new", h.can(auth.EditPlan, h.taskCreate))
	mux.Handle("GET /plans/{id}/amend", h.can(auth.EditPlan, h.planAmendShow))
	mux.Handle("POST /plans/{id}/amend", h.can(auth.EditPlan, h.planAmendPost))
	mux.Handle("GET /plans/{id}/replace", h.can(auth.EditPlan, h.planReplaceShow))
	mux.Handle("POST /plans/{id}/replace", h.can(auth.EditPlan, h.planReplacePost))
	mux.Handle("GET /plans/{id}/regime", h.can(auth.EditPlan, h.regimeEdit))
	mux.Handle("POST /plans/{id}/regime", h.can(auth.EditPlan, h.regimeUpdate))
	mux.Handle("GET /plans/{id}/official-report", h.can(auth.EditPlan, h.officialReportEdit))
	mux.Handle("POST /plans/{id}/official-report", h.can(auth.EditPlan, h.officialReportSave))
	mux.Handle("GET /plans/{id}/official-report.docx", h.can(auth.ReadPlan, h.officialReportDocx))
	mux.Handle("GET /plans/{id}/official-report.xlsx", h.can(auth.ReadPlan, h.officialReportXLSX))

	// Dashboard: figures.Compute's numbers, each linking to its tasks; an
	// agency's page checks the user's own agency (mayReadAgency).
	mux.Handle("GET /plans/{id}/dashboard", h.can(auth.ReadPlan, h.dashboardShow))
	mux.Handle("GET /dashboard", h.can(auth.ReadPlan, h.nationalShow))
	mux.Handle("GET /plans/{id}/dashboard.xlsx", h.can(auth.ReadPlan, h.dashboardXLSX))
	mux.Handle("GET /plans/{id}/dashboard.csv", h.can(auth.ReadPlan, h.dashboardCSV))
	mux.Handle("GET /plans/{id}/dashboard/agency/{agency}", h.can(auth.ReadPlan, h.dashboardAgency))
	mux.Handle("GET /plans/{id}/ranking", h.can(auth.ReadPlan, h.rankingShow))
	mux.Handle("GET /plans/{id}/ranking.xlsx", h.can(auth.ReadPlan, h.rankingXLSX))
	mux.Handle("GET /plans/{id}/ranking.csv", h.can(auth.ReadPlan, h.rankingCSV))
	mux.Handle("POST /plans/{id}/ranking/weights", h.can(auth.EditPlan, h.rankingWeightsSave))
	mux.Handle("POST /plans/{id}/figure-settings", h.can(auth.EditPlan, h.figureSettingsSave))
	mux.Handle("GET /plans/{id}/tasks", h.can(auth.ReadPlan, h.taskListShow))
	mux.Handle("GET /plans/{id}/tasks.xlsx", h.can(auth.ReadPlan, h.taskListXLSX))
	mux.Handle("GET /plans/{id}/tasks.csv", h.can(auth.ReadPlan, h.taskListCSV))

	mux.Handle("GET /tasks/{id}", h.can(auth.ReadPlan, h.taskShow))
	mux.Handle("GET /tasks/{id}/edit", h.can(auth.EditPlan, h.taskEdit))
	mux.Handle("POST /tasks/{id}/edit", h.can(auth.EditPlan, h.taskUpdate))
	mux.Handle("POST /tasks/{id}/extensions", h.can(auth.RequestExtension, h.extensionRequest))

	// Reports: the route lets the role in; reporting.Can decides on the
	// report itself (whose agency, which state, which period).
	mux.Handle("GET /reports", h.can(auth.ReadOwnAgency, h.reportList))
	mux.Handle("GET /periods/{id}/report", h.can(auth.ReadOwnAgency, h.reportFind))
	mux.Handle("POST /periods/{id}/report", h.can(auth.WriteReport, h.reportStart))
	mux.Handle("GET /reports/{id}", h.can(auth.ReadOwnAgency, h.reportShow))
	mux.Handle("GET /reports/{id}/edit", h.can(auth.WriteReport, h.reportEdit))
	mux.Handle("POST /reports/{id}/entries/{task}", h.can(auth.WriteReport, h.entrySave))
	mux.Handle("POST /reports/{id}/contributions/{task}", h.can(auth.WriteReport, h.contributionSave))
	mux.Handle("POST /reports/{id}/values/{indicator}", h.can(auth.WriteReport, h.valueSave))
	mux.Handle("POST /reports/{id}/texts", h.can(auth.WriteReport, h.textsSave))
	mux.Handle("POST /reports/{id}/files", h.can(auth.WriteReport, h.fileUpload))
	mux.Handle("POST /reports/{id}/submit", h.can(auth.SubmitReport, h.reportSubmit))
	mux.Handle("POST /reports/{id}/accept", h.can(auth.ReviewReport, h.reportAccept))
	mux.Handle("POST /reports/{id}/return", h.can(auth.ReviewReport, h.reportReturn))
	mux.Handle("POST /reports/{id}/revise", h.can(auth.WriteReport, h.reportRevise))
	mux.Handle("GET /files/{id}", h.can(auth.ReadOwnAgency, h.fileDownload))
	mux.Handle("POST /files/{id}/delete", h.can(auth.WriteReport, h.fileDelete))

	// Extension and amendment requests (gia hạn, điều chỉnh).
	mux.Handle("GET /extensions", h.can(auth.ReadPlan, h.extensionList))
	mux.Handle("POST /extensions/{id}/decide", h.can(auth.DecideExtension, h.extensionDecide))

	// In-app notices: each user's own (the store matches the user on every
	// read and write, so another user's notice is not found).
	mux.Handle("GET /notices", h.can(auth.ReadPlan, h.noticeList))
	mux.Handle("POST /notices/{id}/read", h.can(auth.ReadPlan, h.noticeRead))
	mux.Handle("POST /notices/read-all", h.can(auth.ReadPlan, h.noticeReadAll))

	mux.Handle("GET /agencies", h.can(auth.ReadPlan, h.agencyList))
	mux.Handle("GET /agencies/new", h.can(auth.ManageAgency, h.agencyNew))
	mux.Handle("POST /agencies/new", h.can(auth.ManageAgency, h.agencyCreate))
	mux.Handle("GET /agencies/reorganise", h.can(auth.ManageAgency, h.agencyReorgShow))
	mux.Handle("POST /agencies/reorganise", h.can(auth.ManageAgency, h.agencyReorgPost))
	mux.Handle("POST /agencies/reorganise/import", h.can(auth.ManageAgency, h.agencyReorgImport))
	mux.Handle("POST /agencies/reorganise/import/apply", h.can(auth.ManageAgency, h.agencyReorgImportApply))
	mux.Handle("GET /agencies/reorganise/history", h.can(auth.ManageAgency, h.agencyReorgs))
	mux.Handle("GET /agencies/reorganise/history/{id}", h.can(auth.ManageAgency, h.agencyReorgRecord))
	mux.Handle("POST /agencies/reorganise/history/{id}/undo", h.can(auth.ManageAgency, h.agencyReorgUndo))
	mux.Handle("GET /agencies/{id}/edit", h.can(auth.ManageAgency, h.agencyEdit))
	mux.Handle("POST /agencies/{id}/edit", h.can(auth.ManageAgency, h.agencyUpdate))

	mux.Handle("GET /import", h.can(auth.EditPlan, h.importShow))
	mux.Handle("POST /import", h.can(auth.EditPlan, h.importPreview))
	mux.Handle("POST /import/confirm", h.can(auth.EditPlan, h.importConfirm))

	// Plans linked across levels: levels, links (with suggestions and bulk
	// sheets), the roll-up of an upstream plan, packages between instances.
	mux.Handle("GET /plans/{id}/level", h.can(auth.EditPlan, h.planLevelShow))
	mux.Handle("POST /plans/{id}/level", h.can(auth.EditPlan, h.planLevelSave))
	mux.Handle("GET /plans/{id}/links", h.can(auth.ReadPlan, h.planLinksShow))
	mux.Handle("POST /plans/{id}/links", h.can(auth.EditPlan, h.planLinksSave))
	mux.Handle("GET /plans/{id}/links.xlsx", h.can(auth.ReadPlan, h.planLinksTemplate))
	mux.Handle("POST /plans/{id}/links/sheet", h.can(auth.EditPlan, h.planLinksSheet))
	mux.Handle("POST /plans/{id}/links/sheet/apply", h.can(auth.EditPlan, h.planLinksSheetApply))
	mux.Handle("GET /plans/{id}/indicator-links", h.can(auth.ReadPlan, h.indicatorLinksShow))
	mux.Handle("POST /plans/{id}/indicator-links", h.can(auth.EditPlan, h.indicatorLinksSave))
	mux.Handle("GET /tasks/{id}/links", h.can(auth.ReadPlan, h.taskLinksShow))
	mux.Handle("POST /tasks/{id}/links", h.can(auth.EditPlan, h.taskLinksSave))
	mux.Handle("GET /plans/{id}/rollup", h.can(auth.ReadPlan, h.rollupShow))
	mux.Handle("GET /plans/{id}/rollup/tasks/{task}", h.can(auth.ReadPlan, h.rollupTask))
	mux.Handle("GET /plans/{id}/rollup/package", h.can(auth.EditPlan, h.rollupPackageDownload))
	mux.Handle("GET /rollup", h.can(auth.ReadPlan, h.rollupPackages))
	mux.Handle("POST /rollup/import", h.can(auth.EditPlan, h.rollupImport))
	mux.Handle("GET /rollup/keys", h.can(auth.ManageUsers, h.rollupKeys))
	mux.Handle("POST /rollup/keys", h.can(auth.ManageUsers, h.rollupKeyAdd))
	mux.Handle("POST /rollup/keys/{id}/revoke", h.can(auth.ManageUsers, h.rollupKeyRevoke))
	mux.Handle("POST /rollup/identity", h.can(auth.ManageUsers, h.rollupIdentitySave))

	mux.Handle("GET /users", h.can(auth.ManageUsers, h.userList))
	mux.Handle("GET /users/new", h.can(auth.ManageUsers, h.userNew))
	mux.Handle("POST /users/new", h.can(auth.ManageUsers, h.userCreate))
	mux.Handle("GET /users/import", h.can(auth.ManageUsers, h.userImportShow))
	mux.Handle("POST /users/import", h.can(auth.ManageUsers, h.userImportPreview))
	mux.Handle("POST /users/import/confirm", h.can(auth.ManageUsers, h.userImportConfirm))
	mux.Handle("GET /users/import/template.xlsx", h.can(auth.ManageUsers, h.userImportTemplate))
	mux.Handle("GET /users/{id}/edit", h.can(auth.ManageUsers, h.userEdit))
	mux.Handle("POST /users/{id}/edit", h.can(auth.ManageUsers, h.userUpdate))
	mux.Handle("POST /users/{id}/password-link", h.can(auth.ManageUsers, h.userPasswordLink))
	mux.Handle("POST /users/{id}/disable", h.can(auth.ManageUsers, h.userDisable))
	mux.Handle("POST /users/{id}/enable", h.can(auth.ManageUsers, h.userEnable))
	mux.Handle("POST /users/{id}/reset-2fa", h.can(auth.ManageUsers, h.userResetTwoFactor))

	mux.Handle("GET /audit", h.can(auth.ReadAudit, h.auditList))
	mux.Handle("GET /audit.xlsx", h.can(auth.ReadAudit, h.auditXLSX))

	// Anything else: the 404 page, for signed-in users and visitors alike.
	mux.Handle("/", h.can(auth.Public, h.notFound))
}
