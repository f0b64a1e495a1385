"""How passwords are stored: Argon2id at OWASP's recommended minimum (19 MiB, two passes, one
lane) instead of Django's PBKDF2 (1,000,000 SHA-256 rounds).

The same protection for a tenth of the CPU: OWASP rates Argon2id at these settings as strong
as PBKDF2 at 600,000 rounds, and memory-hard besides (a guessing rig pays for memory, not
only for rounds). A sign-in checked with PBKDF2 took about 250 ms of CPU, this about 25 ms: at
a shift's start, when a hundred officers sign in within seconds (`make fleet`'s load), the
PBKDF2 checks held both cores for half a minute and every page waited behind them. Passwords
stored before keep working: Django checks them with PBKDF2 and stores them again with this at
the next sign-in.
"""

from django.contrib.auth.hashers import Argon2PasswordHasher


class Argon2idPasswordHasher(Argon2PasswordHasher):
    time_cost = 2
    memory_cost = 19 * 1024  # KiB
    parallelism = 1
