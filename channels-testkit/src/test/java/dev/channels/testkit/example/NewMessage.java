package dev.channels.testkit.example;

/**
 * What a client posts to a room.
 *
 * @param body the message text
 */
record NewMessage(String body) {
}
