# Quickstart: a secret group and Cloud Object Storage credentials with HMAC
# keys, a lease (ttl) and weekly auto-rotation.
#
#   terraform init
#   terraform apply -var local_store=$PWD/quickstart.db     # embedded store, no IBM Cloud account
#   terraform apply                                         # IBM Cloud: IC_API_KEY, and your own instance_id / cos_instance_crn
#   terraform plan -var ttl=20d                             # see what a TTL change means
terraform {
  required_providers {
    ibm = {
      source = "IBM-Cloud/ibm"
    }
  }
}

provider "ibm" {
  region      = var.region
  local_store = var.local_store
}

resource "ibm_sm_secret_group" "quickstart" {
  instance_id = var.instance_id
  name        = "quickstart"
  description = "Secrets made by the quickstart."
}

resource "ibm_sm_service_credentials_secret" "cos_hmac" {
  instance_id     = var.instance_id
  name            = "quickstart-cos-hmac"
  description     = "HMAC credentials for Cloud Object Storage."
  secret_group_id = ibm_sm_secret_group.quickstart.secret_group_id
  labels          = ["quickstart"]
  ttl             = var.ttl

  rotation {
    auto_rotate = true
    interval    = 7
    unit        = "day"
  }

  source_service {
    instance {
      crn = var.cos_instance_crn
    }
    role {
      crn = "crn:v1:bluemix:public:iam::::serviceRole:Writer"
    }
    parameters = {
      HMAC = true
    }
  }
}
