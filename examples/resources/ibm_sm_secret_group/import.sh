#!/bin/sh
# A secret group is imported by <region>/<instance_id>/<secret_group_id>.
terraform import ibm_sm_secret_group.example us-south/6ebc4224-e983-496a-8a54-f40a0bfa9175/d898bb90-82f6-4d61-b5cc-b079b66cfa76
