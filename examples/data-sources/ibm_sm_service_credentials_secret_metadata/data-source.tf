# The metadata of a secret, without its credentials.
data "ibm_sm_service_credentials_secret_metadata" "example" {
  instance_id = "6ebc4224-e983-496a-8a54-f40a0bfa9175"
  region      = "us-south"
  secret_id   = ibm_sm_service_credentials_secret.example.secret_id
}

output "example_expiration_date" {
  value = data.ibm_sm_service_credentials_secret_metadata.example.expiration_date
}
