package org.wiretop.sys;

import java.util.Arrays;

/**
 * An account from the system's user database (getpwnam + getgrouplist): what a privilege drop
 * switches to.
 *
 * @param groups every group the user belongs to, the primary one included
 */
public record UserAccount(String name, int uid, int gid, int[] groups) {
    public UserAccount {
        groups = groups.clone();
    }

    @Override
    public int[] groups() {
        return groups.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UserAccount u && u.name.equals(name) && u.uid == uid && u.gid == gid
                && Arrays.equals(u.groups, groups);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + uid;
    }

    @Override
    public String toString() {
        return name + " (uid " + Integer.toUnsignedString(uid) + ", gid " + Integer.toUnsignedString(gid)
                + ", groups " + Arrays.toString(groups) + ")";
    }
}
