package io.devreg.cli;

import io.devreg.json.DeviceResponse;

/**
 * The exit status of a {@code devreg} command, one per class of outcome. Scripts switch on these;
 * the numbers never change.
 */
enum ExitStatus {
    /** 0: done; the result is on stdout. */
    OK(0, "ok"),
    /** 1: an unexpected failure (a bug); a stack trace is on stderr. */
    FAILED(1, "unexpected failure"),
    /** 2: the command line is wrong (unknown command or option, bad option value). */
    USAGE(2, "usage error"),
    /**
     * 3: the device's state refused the operation, no device matched, or the idempotency key was used
     * before with another command; {"message","code"} on stderr.
     */
    REFUSED(3, "refused"),
    /** 4: invalid input, nothing was stored; {"message","errors"} on stderr. */
    INVALID(4, "invalid input"),
    /** 5: the store failed or could not be opened; {"message"} on stderr. */
    STORE_FAILED(5, "store failed");

    private final int code;
    private final String meaning;

    ExitStatus(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    int code() {
        return code;
    }

    String meaning() {
        return meaning;
    }

    static ExitStatus of(DeviceResponse response) {
        // By outcome, not by HTTP status: a reused idempotency key answers 422 over HTTP, yet like every
        // answer with a code it is a refusal here. (Java 17 has no pattern switch over the sealed set.)
        if (response instanceof DeviceResponse.Ok) {
            return OK;
        }
        if (response instanceof DeviceResponse.Refused || response instanceof DeviceResponse.KeyReused) {
            return REFUSED;
        }
        if (response instanceof DeviceResponse.Invalid) {
            return INVALID;
        }
        if (response instanceof DeviceResponse.Unavailable) {
            return STORE_FAILED;
        }
        throw new IllegalArgumentException("No exit status for " + response);
    }

    static ExitStatus ofCode(int code) {
        for (ExitStatus status : values()) {
            if (status.code == code) {
                return status;
            }
        }
        return FAILED;
    }
}
