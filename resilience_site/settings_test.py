"""Settings for the test suite: the real settings with test-only conveniences."""

import os

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-not-for-production")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
# A folder per pytest-xdist worker (gw0, gw1, …): workers never share uploaded files.
_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "main")
os.environ.setdefault("MEDIA_ROOT", f"/tmp/resilience-test-media/{_WORKER}")

from .settings import *  # noqa: E402,F403

# A fast hasher: the suite creates many users; password strength is tested via validators.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Workers never read each other's cache entries, even through a server named by CACHE_URL
# (their test databases reuse the same ids).
for _cache in CACHES.values():  # noqa: F405
    _cache["KEY_PREFIX"] = f"test-{_WORKER}"
