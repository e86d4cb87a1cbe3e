package io.tealdb.server.ilp;

/** How the line-protocol endpoints check credentials: against the server's users, or not at all. */
public interface IlpAuth {
    /** True when /write needs credentials (the server runs with password auth). */
    boolean required();

    boolean check(String user, String password);

    static IlpAuth none() {
        return new IlpAuth() {
            @Override
            public boolean required() {
                return false;
            }

            @Override
            public boolean check(String user, String password) {
                return true;
            }
        };
    }
}
