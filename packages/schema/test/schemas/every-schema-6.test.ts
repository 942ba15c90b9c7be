import { describeRegisteredSchemas } from "../support/registered-schemas.ts";

describeRegisteredSchemas(6);
