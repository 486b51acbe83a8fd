/**
 * The machinery behind {@link dev.channels.core.Token}: the Erlang External Term Format
 * subset Phoenix tokens carry, PBKDF2 key derivation with a bounded cache, the signed
 * ({@code SFMyNTY.}) and encrypted ({@code XCP.}) token formats, and the token claims with
 * their expiry rules. Not exported; nothing here is a supported API.
 */
package dev.channels.core.internal.token;
