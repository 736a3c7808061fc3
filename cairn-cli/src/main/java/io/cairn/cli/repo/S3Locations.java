package io.cairn.cli.repo;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.repository.storage.Storage;

/** Opens {@code s3://bucket/prefix} repositories. */
final class S3Locations {
    private S3Locations() {
    }

    static Storage storage(String url) {
        throw new CairnException(ErrorCode.USAGE, "repository " + url + ": S3 repositories are not available in this build yet; "
                + "use a local directory");
    }
}
