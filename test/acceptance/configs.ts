/**
 * HCL for the acceptance tests: the official provider's acceptance configs
 * (spec §4) adapted to this project's backends, and small builders.
 */
export const EN_CRN = 'crn:v1:bluemix:public:event-notifications:us-south:a/347df6de25020f0fa8b711c6d9881111:3c1a3f8e-4b7d-4e6f-9a2b-1c2d3e4f5a6b::';
export const COS_CRN = 'crn:v1:bluemix:public:cloud-object-storage:global:a/347df6de25020f0fa8b711c6d9881111:f35e85fc-3d4d-476e-8547-51222e3c1111::';
export const APPID_CRN = 'crn:v1:bluemix:public:appid:eu-de:a/347df6de25020f0fa8b711c6d9881111:9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a::';
/** A pre-existing service ID, instead of an ibm_iam_service_id resource. */
export const SERVICE_ID_CRN = 'crn:v1:bluemix:public:iam-identity::a/347df6de25020f0fa8b711c6d9881111::serviceid:ServiceId-0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
export const WRITER = 'crn:v1:bluemix:public:iam::::serviceRole:Writer';

export const NAME = 'terraform-test-sc-secret';
export const MODIFIED_NAME = 'modified-terraform-test-sc-secret';
export const TTL = '7776000';
export const MODIFIED_TTL = '345600';

/** TestAccIbmSmServiceCredentialsSecretBasic's config. */
export function basicConfig(instanceId: string, name = NAME, ttl = TTL): string {
  return `resource "ibm_sm_service_credentials_secret" "sm_service_credentials_secret_basic" {
  instance_id = "${instanceId}"
  region      = "us-south"
  name        = "${name}"
  source_service {
    instance {
      crn = "${EN_CRN}"
    }
    role {
      crn = "${WRITER}"
    }
  }
  ttl = "${ttl}"
}
`;
}

export interface AllArgs {
  readonly name: string;
  readonly description: string;
  readonly label: string;
  readonly customMetadata: string;
  readonly ttl: string;
  readonly interval: number;
  readonly unit: string;
}

export const ALL_ARGS_STEP1: AllArgs = {
  name: NAME,
  description: 'Some description for this secret.',
  label: 'my-label-1',
  customMetadata: '{"key1":"value1"}',
  ttl: TTL,
  interval: 2,
  unit: 'month',
};

export const ALL_ARGS_STEP2: AllArgs = {
  name: MODIFIED_NAME,
  description: 'Modified description for this secret.',
  label: 'modified-label-1',
  customMetadata: '{"key2":"value2"}',
  ttl: MODIFIED_TTL,
  interval: 3,
  unit: 'day',
};

/** TestAccIbmSmServiceCredentialsSecretAllArgs's config, with a literal service ID CRN. */
export function allArgsConfig(instanceId: string, a: AllArgs): string {
  return `resource "ibm_sm_service_credentials_secret" "sm_service_credentials_secret" {
  instance_id = "${instanceId}"
  region      = "us-south"
  name        = "${a.name}"
  description = "${a.description}"
  labels      = ["${a.label}"]
  source_service {
    instance {
      crn = "${EN_CRN}"
    }
    parameters = { "serviceid_crn" : "${SERVICE_ID_CRN}" }
    role {
      crn = "${WRITER}"
    }
  }
  ttl             = "${a.ttl}"
  custom_metadata = ${a.customMetadata}
  secret_group_id = "default"
  rotation {
    auto_rotate = true
    interval    = ${a.interval}
    unit        = "${a.unit}"
  }
}
`;
}

/** The data source tests' resource plus the data sources by id and by name. */
export function dataSourceConfig(instanceId: string): string {
  return `resource "ibm_sm_service_credentials_secret" "sm_service_credentials_secret_instance" {
  instance_id     = "${instanceId}"
  region          = "us-south"
  custom_metadata = { "key" : "value" }
  description     = "Extended description for this secret."
  labels          = ["my-label"]
  rotation {
    auto_rotate = true
    interval    = 1
    unit        = "day"
  }
  secret_group_id = "default"
  name            = "service_credentials-datasource-terraform-test"
  ttl             = "7776000"
  source_service {
    instance {
      crn = "${EN_CRN}"
    }
    role {
      crn = "${WRITER}"
    }
  }
}

data "ibm_sm_service_credentials_secret" "sm_service_credentials_secret" {
  instance_id = "${instanceId}"
  region      = "us-south"
  secret_id   = ibm_sm_service_credentials_secret.sm_service_credentials_secret_instance.secret_id
}

data "ibm_sm_service_credentials_secret" "sm_service_credentials_secret_by_name" {
  instance_id       = "${instanceId}"
  region            = "us-south"
  name              = ibm_sm_service_credentials_secret.sm_service_credentials_secret_instance.name
  secret_group_name = "default"
}

data "ibm_sm_service_credentials_secret_metadata" "sm_service_credentials_secret_metadata" {
  instance_id = "${instanceId}"
  region      = "us-south"
  secret_id   = ibm_sm_service_credentials_secret.sm_service_credentials_secret_instance.secret_id
}
`;
}
