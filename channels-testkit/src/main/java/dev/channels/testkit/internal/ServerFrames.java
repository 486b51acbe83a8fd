package dev.channels.testkit.internal;

/**
 * Where a {@link ClientConnection} hands what the server sent. Called on runtime threads, one
 * call at a time per connection, in the order the server wrote.
 */
public interface ServerFrames {

    /**
     * The server wrote a text frame.
     *
     * @param frame the frame
     */
    void text(String frame);

    /**
     * The server wrote a binary frame.
     *
     * @param frame the frame's bytes
     */
    void binary(byte[] frame);

    /**
     * The connection closed. Called once.
     *
     * @param code the close code
     * @param reason the close reason
     * @param byServer whether the server closed it
     */
    void closed(int code, String reason, boolean byServer);
}
