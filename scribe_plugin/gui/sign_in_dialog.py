"""Sign in to a SCRIBE store, state the purpose of access, change one's password.

The dialogs only gather input and show the database's answers; ``session.ScribeSession``
and ``core.auth`` do the work. Messages are chosen by the refusal's kind, so each situation
reads the same in every language.
"""

from __future__ import annotations

from qgis.core import Qgis
from qgis.gui import QgsFileWidget, QgsPasswordLineEdit
from qgis.PyQt.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
)

from .. import log, server_profiles
from ..core import auth, credentials
from ..core.auth import ServerProfile, SignInRefused
from ..session import ScribeSession

WARNING_STYLE = "color: #b00020;"


class SignInDialog(QDialog):
    def __init__(self, session: ScribeSession, iface=None, parent=None):
        super().__init__(parent)
        self.session, self.iface = session, iface
        self.setWindowTitle(self.tr("Sign in to SCRIBE"))
        self.setMinimumWidth(520)
        form = QFormLayout()
        self.profile_combo = QComboBox(objectName="profile", editable=True)
        self.profile_combo.addItems(server_profiles.names())
        self.host_edit = QLineEdit(objectName="host")
        self.port_spin = QSpinBox(objectName="port", minimum=1, maximum=65535, value=5432)
        self.db_edit = QLineEdit("scribe", objectName="database")
        self.service_edit = QLineEdit(objectName="service")
        self.service_edit.setPlaceholderText(self.tr("optional: a pg_service.conf service"))
        self.ssl_combo = QComboBox(objectName="sslmode")
        self.ssl_combo.addItems(auth.SSL_MODES)
        self.ca_widget = QgsFileWidget(objectName="caCertificate")
        self.ca_widget.setFilter(self.tr("CA certificates (*.pem *.crt *.cer)"))
        self.tls_warning = QLabel(objectName="tlsWarning", wordWrap=True)
        self.tls_warning.setStyleSheet(WARNING_STYLE)
        self.user_edit = QLineEdit(objectName="username")
        self.password_edit = QgsPasswordLineEdit(objectName="password")
        self.remember_box = QCheckBox(self.tr("Remember my password (in the system keyring)"),
                                      objectName="remember")
        for label, widget in ((self.tr("Server profile"), self.profile_combo),
                              (self.tr("Host"), self.host_edit),
                              (self.tr("Port"), self.port_spin),
                              (self.tr("Database"), self.db_edit),
                              (self.tr("Service"), self.service_edit),
                              (self.tr("TLS mode"), self.ssl_combo),
                              (self.tr("CA certificate"), self.ca_widget),
                              ("", self.tls_warning),
                              (self.tr("User name"), self.user_edit),
                              (self.tr("Password"), self.password_edit),
                              ("", self.remember_box)):
            form.addRow(label, widget)
        self.message = QLabel(objectName="message", wordWrap=True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Sign in"))
        self.buttons.accepted.connect(self.sign_in)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.ssl_combo.currentTextChanged.connect(self._show_tls_warning)
        self.profile_combo.currentTextChanged.connect(self.load_profile)
        self.load_profile(self.profile_combo.currentText())
        self._show_tls_warning(self.ssl_combo.currentText())

    def load_profile(self, name: str) -> None:
        if name not in server_profiles.names():
            return
        profile = server_profiles.load(name)
        self.host_edit.setText(profile.host)
        self.port_spin.setValue(profile.port)
        self.db_edit.setText(profile.dbname)
        self.service_edit.setText(profile.service)
        self.ssl_combo.setCurrentText(profile.sslmode)
        self.ca_widget.setFilePath(profile.sslrootcert)
        user = server_profiles.last_username(name)
        self.user_edit.setText(user)
        remembered = credentials.recall(name, user) if user else None
        self.password_edit.setText(remembered or "")
        self.remember_box.setChecked(remembered is not None)

    def _show_tls_warning(self, mode: str) -> None:
        texts = {
            "verify-ca": self.tr("verify-ca does not check the server's name: another server "
                                 "with a certificate from the same authority could pose as "
                                 "the store."),
            "require": self.tr("require does not check who the server is: a machine in the "
                               "middle could read your password and the data."),
            "prefer": self.tr("prefer may connect without encryption: your password and the "
                              "data could cross the network in clear."),
            "allow": self.tr("allow may connect without encryption: your password and the "
                             "data could cross the network in clear."),
            "disable": self.tr("disable never encrypts: your password and the data cross the "
                               "network in clear."),
        }
        text = texts.get(mode, "")
        self.tls_warning.setText(self.tr("Weakened security: ") + text if text else "")
        self.tls_warning.setVisible(bool(text))

    def profile(self) -> ServerProfile:
        return ServerProfile(name=self.profile_combo.currentText().strip(),
                             host=self.host_edit.text().strip(), port=self.port_spin.value(),
                             dbname=self.db_edit.text().strip(),
                             sslmode=self.ssl_combo.currentText(),
                             sslrootcert=self.ca_widget.filePath().strip(),
                             service=self.service_edit.text().strip())

    def refusal_text(self, refusal: SignInRefused) -> str:
        texts = {
            "wrong_credentials": self.tr("The user name or password is wrong."),
            "not_vetted": self.tr("Your access request has not been vetted yet. Your SCRIBE "
                                  "administrator will tell you when you can sign in."),
            "suspended": self.tr("Your SCRIBE account is suspended. Contact your SCRIBE "
                                 "administrator."),
            "expired": self.tr("Your vetting has expired. Ask your SCRIBE administrator to "
                               "renew it."),
            "unreachable": self.tr("The server cannot be reached: check the host, port, your "
                                   "network or VPN."),
            "untrusted_server": self.tr("The server's certificate is not trusted: check the CA "
                                        "certificate file and the host name."),
            "refused_by_server": self.tr("The server refuses this connection (it may require "
                                         "TLS, or not accept you from this network)."),
            "too_many_sessions": self.tr("You have too many SCRIBE sessions open: close some "
                                         "QGIS windows and try again."),
            "not_a_store": self.tr("This database is not a SCRIBE store, or its schema is "
                                   "older than this plugin."),
        }
        text = texts[refusal.kind]
        if refusal.vetting_expires is not None:
            text += " " + self.tr("(Vetting expired on {}.)").format(
                refusal.vetting_expires.isoformat())
        return text

    def sign_in(self) -> None:
        try:
            profile = self.profile()
        except ValueError as error:
            self.message.setText(self.tr("Check the server profile: {}").format(error))
            return
        try:
            warning = self.session.sign_in(profile, self.user_edit.text(),
                                           self.password_edit.text(),
                                           remember=self.remember_box.isChecked())
        except SignInRefused as refusal:
            self.message.setText(self.refusal_text(refusal))
            self.message.setStyleSheet(WARNING_STYLE)
            self.password_edit.clear()
            return
        self.password_edit.clear()  # the dialog keeps no password once signed in
        if warning:
            log.notify(self.iface, self.tr("Your password was not remembered: {}").format(
                warning), Qgis.MessageLevel.Warning)
        self.accept()


class PurposeDialog(QDialog):
    """Why the person needs incident data now (sent to the database before any is read)."""

    def __init__(self, session: ScribeSession, parent=None):
        super().__init__(parent)
        self.session = session
        self.setWindowTitle(self.tr("SCRIBE: purpose of access"))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("State why you are accessing incident data today. It "
                                        "is recorded with everything you do until it expires "
                                        "(at the latest at midnight)."), wordWrap=True))
        self.purpose_combo = QComboBox(objectName="purpose", editable=True)
        self.purpose_combo.addItems(session.purpose_choices())
        self.purpose_combo.setCurrentText("")
        layout.addWidget(self.purpose_combo)
        self.message = QLabel(objectName="message", wordWrap=True)
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.declare)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def declare(self) -> None:
        purpose = self.purpose_combo.currentText().strip()
        if not 5 <= len(purpose) <= 500:
            self.message.setText(self.tr("State the purpose in 5 to 500 characters."))
            return
        self.session.declare_purpose(purpose)
        self.accept()


class ChangePasswordDialog(QDialog):
    def __init__(self, session: ScribeSession, parent=None):
        super().__init__(parent)
        self.session = session
        self.setWindowTitle(self.tr("SCRIBE: change password"))
        form = QFormLayout(self)
        self.current_edit = QgsPasswordLineEdit(objectName="current")
        self.new_edit = QgsPasswordLineEdit(objectName="new")
        self.repeat_edit = QgsPasswordLineEdit(objectName="repeat")
        form.addRow(self.tr("Current password"), self.current_edit)
        form.addRow(self.tr("New password (12 characters or more)"), self.new_edit)
        form.addRow(self.tr("New password again"), self.repeat_edit)
        self.message = QLabel(objectName="message", wordWrap=True)
        form.addRow(self.message)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.change)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def change(self) -> None:
        new = self.new_edit.text()
        if new != self.repeat_edit.text():
            self.message.setText(self.tr("The new passwords differ."))
            return
        if len(new) < 12:
            self.message.setText(self.tr("Use at least 12 characters."))
            return
        try:
            self.session.change_password(self.current_edit.text(), new)
        except SignInRefused:
            self.message.setText(self.tr("The current password is wrong."))
            return
        except ValueError:
            self.message.setText(self.tr("The new password must differ from the current one."))
            return
        finally:
            for edit in (self.current_edit, self.new_edit, self.repeat_edit):
                edit.clear()
        self.accept()
