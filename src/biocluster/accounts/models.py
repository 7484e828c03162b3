import hashlib
import secrets

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        extra.update(is_staff=True, is_superuser=True)
        return self._create_user(email, password, **extra)


class User(AbstractUser):
    """A login. People of the directory may have one (`directory.Person.user`)."""

    username = None
    email = models.EmailField(_("email address"), unique=True)
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=2,
        choices=[("en", "English"), ("fr", "Français")],
        default="en",
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []
    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["email"]

    def __str__(self):
        return self.get_full_name() or self.email


class Department(models.TextChoices):
    ENTREPRISES = "entreprises", _("Entreprises")
    RESEARCH_INFRASTRUCTURE = "research", _("Research and infrastructure")
    COMMUNICATION = "communication", _("Communication")
    INTERNATIONAL = "international", _("International")
    REAL_ESTATE = "real_estate", _("Real estate")
    DIRECTION = "direction", _("Direction")


class Role(models.TextChoices):
    STAFF = "staff", _("Cluster staff")
    REVIEWER = "reviewer", _("Reviewer")


class RoleGrant(models.Model):
    """A cluster-wide role. Roles inside an organisation live on `directory.Affiliation`."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_grants")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    department = models.CharField(_("department"), max_length=20, choices=Department.choices, blank=True)
    granted_at = models.DateTimeField(_("granted"), auto_now_add=True)

    class Meta:
        verbose_name = _("role grant")
        verbose_name_plural = _("role grants")
        constraints = [
            models.UniqueConstraint(fields=["user", "role", "department"], name="unique_role_grant"),
            models.CheckConstraint(
                condition=~models.Q(role="staff") | ~models.Q(department=""),
                name="staff_role_has_department",
            ),
        ]

    def __str__(self):
        label = self.get_role_display()
        return (
            f"{self.user}: {label} ({self.get_department_display()})"
            if self.department
            else f"{self.user}: {label}"
        )


def _hash_token(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


class ApiToken(models.Model):
    """A bearer token for the API. Only its hash is stored; the key is shown once."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100, default="default")
    prefix = models.CharField(max_length=8, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    audit_exclude = ("key_hash", "last_used_at")

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self):
        return f"{self.prefix}… ({self.user})"

    @classmethod
    def issue(cls, user, name="default") -> tuple["ApiToken", str]:
        key = "bc_" + secrets.token_urlsafe(32)
        token = cls.objects.create(user=user, name=name, prefix=key[:8], key_hash=_hash_token(key))
        return token, key

    @classmethod
    def authenticate(cls, key: str):
        token = cls.objects.select_related("user").filter(key_hash=_hash_token(key)).first()
        if token is None or not token.user.is_active:
            return None
        return token.user
