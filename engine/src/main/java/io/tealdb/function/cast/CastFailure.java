package io.tealdb.function.cast;

/**
 * Cheap, stackless signal that one value failed to convert; cast loops catch it and either set
 * NULL (TRY_CAST) or throw the user-facing ConversionException with {@link #message}.
 */
final class CastFailure extends RuntimeException {
    final transient java.util.function.Supplier<String> message;

    CastFailure(java.util.function.Supplier<String> message) {
        super(null, null, false, false);
        this.message = message;
    }
}
