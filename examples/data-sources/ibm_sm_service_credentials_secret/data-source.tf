# By ID ...
data "ibm_sm_service_credentials_secret" "by_id" {
  instance_id = "6ebc4224-e983-496a-8a54-f40a0bfa9175"
  region      = "us-south"
  secret_id   = ibm_sm_service_credentials_secret.example.secret_id
}

# ... or by name and secret group name ("default" for the default group).
data "ibm_sm_service_credentials_secret" "by_name" {
  instance_id       = "6ebc4224-e983-496a-8a54-f40a0bfa9175"
  region            = "us-south"
  name              = ibm_sm_service_credentials_secret.example.name
  secret_group_name = "default"
}

output "example_apikey" {
  value     = data.ibm_sm_service_credentials_secret.by_name.credentials["apikey"]
  sensitive = true
}
