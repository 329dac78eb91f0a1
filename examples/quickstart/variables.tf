variable "local_store" {
  description = "Path of a local store file for the embedded engine; null uses IBM Cloud (IC_API_KEY)."
  type        = string
  default     = null
}

variable "region" {
  description = "Region of the Secrets Manager instance."
  type        = string
  default     = "us-south"
}

variable "instance_id" {
  description = "GUID of the Secrets Manager instance."
  type        = string
  default     = "6ebc4224-e983-496a-8a54-f40a0bfa9175"
}

variable "cos_instance_crn" {
  description = "CRN of the Cloud Object Storage instance to mint credentials for."
  type        = string
  default     = "crn:v1:bluemix:public:cloud-object-storage:global:a/347df6de25020f0fa8b711c6d9881111:f35e85fc-3d4d-476e-8547-51222e3c1111::"
}

variable "ttl" {
  description = "Lease of each version of the credentials (1 to 90 days); a change applies from the next rotation."
  type        = string
  default     = "30d"
}
