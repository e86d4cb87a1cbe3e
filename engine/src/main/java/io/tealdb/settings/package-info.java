/**
 * Settings: one typed registry ({@link io.tealdb.settings.Settings}) of every name that SET, RESET,
 * SHOW, {@code current_setting}, {@code set_config}, the connect-time configuration and the
 * PostgreSQL start-up packet may use, with its type, scope, default and aliases; and the values in
 * force ({@link io.tealdb.settings.GlobalSettings} per database, {@link io.tealdb.settings.SessionSettings}
 * per connection). A name that is not in the registry is an error, never silently kept.
 */
package io.tealdb.settings;
