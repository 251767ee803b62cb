/**
 * Loaded by mocha before any test file (.mocharc.json `require`): every fast-check property in the
 * process starts from the run's seed, with fast-check's default run count scaled (./properties.ts).
 */
import { configureProperties } from "./properties.ts";

configureProperties();
