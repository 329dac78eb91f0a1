terraform {
  required_providers {
    ibm = {
      source = "IBM-Cloud/ibm"
    }
  }
}

# IBM Cloud Secrets Manager: the API key comes from IC_API_KEY (or
# ibmcloud_api_key), the region from IC_REGION (or region).
#
# Without an IBM Cloud account, set local_store (or IBM_SM_LOCAL_STORE) to a
# file path: the provider then runs the embedded Secrets Manager engine on
# that SQLite file, and `ibm-sm` (bin/ibm-sm) inspects or changes it.
provider "ibm" {
  region = "us-south"

  # ibmcloud_api_key = var.ibmcloud_api_key
  # local_store      = "${abspath(path.root)}/secrets.db"
}
