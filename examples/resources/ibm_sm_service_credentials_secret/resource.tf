# Credentials for a Cloud Object Storage instance, with HMAC keys, a 30-day
# lease per version and a new version every week.
resource "ibm_sm_service_credentials_secret" "example" {
  instance_id     = "6ebc4224-e983-496a-8a54-f40a0bfa9175"
  region          = "us-south"
  name            = "example-cos-credentials"
  description     = "Writer credentials for the example bucket."
  labels          = ["example", "cos"]
  custom_metadata = { team = "storage" }
  ttl             = "30d"

  rotation {
    auto_rotate = true
    interval    = 7
    unit        = "day"
  }

  source_service {
    instance {
      crn = "crn:v1:bluemix:public:cloud-object-storage:global:a/347df6de25020f0fa8b711c6d9881111:f35e85fc-3d4d-476e-8547-51222e3c1111::"
    }
    role {
      crn = "crn:v1:bluemix:public:iam::::serviceRole:Writer"
    }
    parameters = {
      HMAC = true
    }
  }
}

output "example_access_key_id" {
  value     = ibm_sm_service_credentials_secret.example.credentials["cos_hmac_keys.access_key_id"]
  sensitive = true
}
