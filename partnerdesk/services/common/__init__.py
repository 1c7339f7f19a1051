"""common"""

# Installs the check that refuses writes the signed-in person's role does not allow, before any service can run.
from partnerdesk.services.common import access as access
