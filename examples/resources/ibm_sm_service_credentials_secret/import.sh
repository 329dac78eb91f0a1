#!/bin/sh
# A service credentials secret is imported by <region>/<instance_id>/<secret_id>.
terraform import ibm_sm_service_credentials_secret.example us-south/6ebc4224-e983-496a-8a54-f40a0bfa9175/b49ad24d-81d4-5ebc-b9b9-b0937d1c84d5
