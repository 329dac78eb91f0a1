output "secret_id" {
  value = ibm_sm_service_credentials_secret.cos_hmac.secret_id
}

output "expiration_date" {
  description = "When the current credentials stop working."
  value       = ibm_sm_service_credentials_secret.cos_hmac.expiration_date
}

output "next_rotation_date" {
  value = ibm_sm_service_credentials_secret.cos_hmac.next_rotation_date
}

output "access_key_id" {
  value     = ibm_sm_service_credentials_secret.cos_hmac.credentials["cos_hmac_keys.access_key_id"]
  sensitive = true
}

output "secret_access_key" {
  value     = ibm_sm_service_credentials_secret.cos_hmac.credentials["cos_hmac_keys.secret_access_key"]
  sensitive = true
}

output "apikey" {
  value     = ibm_sm_service_credentials_secret.cos_hmac.credentials["apikey"]
  sensitive = true
}
