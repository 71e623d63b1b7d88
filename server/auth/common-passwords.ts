// A bundled list of the most common passwords, for the password rules (NIST SP 800-63B §3.1.1.2 blocklist).
// Two parts: whole passwords of 12+ characters seen at the top of public breach lists, and the short
// favourites (password, qwerty, iloveyou…) that people stretch to 12 with digits and symbols
// ("Password123!!"): a password is refused when it is one of those words with only digits or
// symbols around it. Matching is case-insensitive.

/** Whole common passwords of 12 characters or more, lower-cased. */
export const COMMON_LONG_PASSWORDS: ReadonlySet<string> = new Set(
  `
123456789012 1234567890123 12345678901234 123456789012345 1234567890123456 123456789123
123123123123 123412341234 121212121212 111111111111 000000000000 112233445566 987654321098
098765432109 147258369147 123654789123 qwertyuiop12 qwertyuiop123 qwertyuiop1234 qwertyuiopasdf
qwertyuiopasdfghjkl qwertyuiopasdfghjklzxcvbnm qwertyuiop[] asdfghjkl123 asdfghjkl;' zxcvbnm123456
1q2w3e4r5t6y 1q2w3e4r5t6y7u 1q2w3e4r5t6y7u8i 1q2w3e4r5t6y7u8i9o0p 1qaz2wsx3edc 1qaz2wsx3edc4rfv
zaq12wsxcde3 zaq1xsw2cde3 !qaz2wsx#edc !qaz@wsx#edc qazwsxedcrfv qazwsxedcrfvtgb 1qazxsw23edc
q1w2e3r4t5y6 a1b2c3d4e5f6 abcdefghijkl abcdefghijklm abcdefghijklmnop abcd1234abcd abc123abc123
password1234 password12345 password123456 password1234567 password123! password123!! passwordpassword
password@123 p@ssw0rd1234 p@ssword1234 passw0rd1234 mypassword123 mypassword1234 newpassword123
changeme1234 changeme123! letmein12345 letmein123456 welcome12345 welcome123456 welcome@1234
iloveyou1234 iloveyou12345 iloveyouiloveyou iloveyou4ever iloveyoubaby iloveyouforever trustno1trustno1
administrator administrator1 administrator123 admin1234567 admin12345678 admin@123456 rootpassword
superman1234 batman123456 spiderman123 michaeljordan manchesterunited manchester123 liverpoolfc
liverpool1234 chelsea12345 arsenal12345 barcelona123 realmadrid123 juventus1234 football1234
football12345 basketball12 basketball123 baseball1234 soccer123456 princess1234 sunshine1234
starwars1234 pokemon12345 dragonball123 minecraft123 fortnite1234 playstation2 playstation3
playstation4 playstation123 nintendo1234 computer1234 internet1234 whatever1234 qwerty123456
qwerty1234567 qwertyqwerty qwerty12345678 asdfasdfasdf asdfghjklqwerty zxcvbnmasdfghjkl 1234qwerasdf
1234qwerasdfzxcv qwer1234qwer qwerasdfzxcv 123qweasdzxc 123qweasdzxc123 1qa2ws3ed4rf aaaaaaaaaaaa
abcabcabcabc blahblahblah hellohello12 helloworld12 helloworld123 hello1234567 goodluck1234
happybirthday happy1234567 lovelovelove loveyou12345 monkey123456 dragon123456 shadow123456 master123456
michael12345 jennifer1234 jessica12345 jordan231234 summer123456 winter123456 spring123456 autumn123456
christmas123 halloween123 sweetheart12 butterfly123 chocolate123 strawberry12 pineapple123 watermelon12
rainbow12345 flower123456 angel1234567 babygirl1234 blink1821234 fuckyou12345 fuckoff12345 asshole12345
thequickbrownfox correcthorsebatterystaple 1234567890qwerty 0987654321qwerty
1234567890-= !@#$%^&*()_+ !@#$%^&*()12 1q2w3e4r!q@w#e$r 1234567890ab abcdef123456 abc123456789 a123456789012
passw0rdpassw0rd letmeinletmein welcomewelcome monkeymonkey dragondragon adminadmin123 testtest1234
test12345678 testing12345 testing123456 default12345 guest1234567 user12345678 login1234567 secret123456
access123456 fastpath-demo fastpath1234 fastpassword
`
    .trim()
    .split(/\s+/),
);

/** Favourite short passwords and words, lower-cased, that are stretched to 12 with digits or symbols. */
export const COMMON_BASE_WORDS: ReadonlySet<string> = new Set(
  `
password passw0rd p@ssword p@ssw0rd pass qwerty qwertyuiop qwertz azerty asdf asdfgh asdfghjkl zxcvbnm
abc abcd abcdef iloveyou loveyou love letmein welcome admin administrator root login user guest test
testing default secret changeme master monkey dragon shadow sunshine princess football soccer baseball
basketball hockey superman batman spiderman starwars pokemon minecraft fortnite trustno freedom whatever
hello hellokitty charlie michael jennifer jessica jordan ashley daniel thomas andrew joshua matthew hunter
ranger buster tigger ginger pepper maggie summer winter autumn spring christmas flower angel babygirl
baby cookie chocolate cheese pizza banana orange purple yellow killer harley mustang corvette ferrari
yankees cowboys liverpool chelsea arsenal barcelona madrid juventus google facebook apple samsung
microsoft computer internet matrix ninja samurai phoenix merlin zxcvbn q1w2e3r4 q1w2e3r4t5 1qaz2wsx
zaq1zaq1 qazwsx qazwsxedc motdepasse soleil bonjour doudou chouchou marseille nicolas fastpath
`
    .trim()
    .split(/\s+/),
);
