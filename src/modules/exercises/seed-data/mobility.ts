import { steps, type SeedExercise } from './define.js'

export const mobility: SeedExercise[] = [
  {
    name: 'Standing Hamstring Stretch',
    category: 'flexibility',
    difficulty_level: 'beginner',
    primary_muscles: ['hamstrings'],
    secondary_muscles: ['calves', 'lower_back'],
    equipment_needed: ['none'],
    description: 'A simple stretch for the back of the thigh with the heel on a low step.',
    instructions: steps('Place one heel on a low step with the leg straight and toes up.', 'Hinge forward from the hips with a flat back until a stretch is felt behind the thigh.', 'Hold 20 to 30 seconds and switch legs.')
  },
  {
    name: 'Kneeling Hip Flexor Stretch',
    category: 'flexibility',
    difficulty_level: 'beginner',
    primary_muscles: ['hip_flexors'],
    secondary_muscles: ['quadriceps'],
    equipment_needed: ['mat'],
    description: 'A half-kneeling stretch for the front of the hip, which tightens with long sitting.',
    instructions: steps('Kneel on one knee with the other foot flat in front.', 'Tuck the pelvis under and squeeze the glute of the kneeling leg, then shift forward slightly.', 'Hold 20 to 30 seconds and switch sides.')
  },
  {
    name: 'Pigeon Pose',
    category: 'flexibility',
    difficulty_level: 'intermediate',
    primary_muscles: ['glutes'],
    secondary_muscles: ['hip_flexors'],
    equipment_needed: ['mat'],
    description: 'A yoga pose that stretches the outer hip and glute of the front leg.',
    instructions: steps('From hands and knees, bring one knee forward behind the wrist with the shin angled across the body.', 'Extend the other leg straight back and lower the hips toward the floor.', 'Hold for several breaths, then switch sides; support the hip with a cushion if needed.')
  },
  {
    name: 'Butterfly Stretch',
    category: 'flexibility',
    difficulty_level: 'beginner',
    primary_muscles: ['adductors'],
    secondary_muscles: [],
    equipment_needed: ['mat'],
    description: 'A seated stretch for the inner thighs.',
    instructions: steps('Sit tall with the soles of the feet together and the knees falling out to the sides.', 'Hold the feet and gently lean forward from the hips.', 'Hold 20 to 30 seconds without bouncing.')
  },
  {
    name: 'Cat-Cow',
    category: 'flexibility',
    difficulty_level: 'beginner',
    primary_muscles: ['lower_back'],
    secondary_muscles: ['abs', 'upper_back', 'neck'],
    equipment_needed: ['mat'],
    description: 'Alternating spinal flexion and extension on hands and knees to mobilise the spine.',
    instructions: steps('Start on hands and knees with a neutral spine.', 'Breathe in as you let the belly drop and lift the chest and tailbone.', 'Breathe out as you round the back and tuck the chin; move slowly between the two.')
  },
  {
    name: 'Child\'s Pose',
    category: 'flexibility',
    difficulty_level: 'beginner',
    primary_muscles: ['lower_back', 'lats'],
    secondary_muscles: ['shoulders', 'glutes'],
    equipment_needed: ['mat'],
    description: 'A resting yoga pose that gently stretches the back, lats and hips.',
    instructions: steps('Kneel with the big toes together and the knees apart.', 'Sit the hips back toward the heels and walk the hands forward, resting the forehead down.', 'Breathe slowly for 30 to 60 seconds.')
  },
  {
    name: 'Doorway Chest Stretch',
    category: 'flexibility',
    difficulty_level: 'beginner',
    primary_muscles: ['chest'],
    secondary_muscles: ['shoulders'],
    equipment_needed: ['none'],
    description: 'A stretch for the chest and front shoulders using a door frame.',
    instructions: steps('Place the forearms on each side of a door frame, elbows at shoulder height.', 'Step one foot through and lean forward until a stretch is felt across the chest.', 'Hold 20 to 30 seconds.')
  },
  {
    name: 'Cross-Body Shoulder Stretch',
    category: 'flexibility',
    difficulty_level: 'beginner',
    primary_muscles: ['shoulders'],
    secondary_muscles: ['upper_back'],
    equipment_needed: ['none'],
    description: 'A stretch for the back of the shoulder.',
    instructions: steps('Bring one straight arm across the chest.', 'Use the other hand to draw it closer just above the elbow, keeping the shoulder down.', 'Hold 20 to 30 seconds and switch arms.')
  },
  {
    name: 'Neck Side Stretch',
    category: 'flexibility',
    difficulty_level: 'beginner',
    primary_muscles: ['neck'],
    secondary_muscles: ['traps'],
    equipment_needed: ['none'],
    description: 'A gentle stretch for the side of the neck and upper trapezius.',
    instructions: steps('Sit or stand tall with the shoulders relaxed.', 'Tilt the ear toward the shoulder; add light pressure with the hand if comfortable.', 'Hold 20 to 30 seconds and switch sides.')
  },
  {
    name: 'Foam Roller Thoracic Extension',
    category: 'flexibility',
    difficulty_level: 'beginner',
    primary_muscles: ['upper_back'],
    secondary_muscles: ['lats'],
    equipment_needed: ['foam_roller'],
    description: 'Extending the upper back over a foam roller to improve mobility of the thoracic spine.',
    instructions: steps('Lie with a foam roller across the upper back, hands supporting the head, hips on the floor.', 'Let the upper back extend over the roller, then return.', 'Move the roller up or down a few centimetres and repeat; keep it off the lower back.')
  },
  {
    name: 'Foam Roller Quadriceps Release',
    category: 'flexibility',
    difficulty_level: 'beginner',
    primary_muscles: ['quadriceps'],
    secondary_muscles: ['hip_flexors'],
    equipment_needed: ['foam_roller'],
    description: 'Rolling the front of the thighs on a foam roller before or after training.',
    instructions: steps('Lie face down with the roller under the thighs, supported on the forearms.', 'Roll slowly from just above the knees to the hips.', 'Pause on tender spots for a few breaths; spend about a minute per leg.')
  },
  {
    name: 'Single-Leg Balance Hold',
    category: 'balance',
    difficulty_level: 'beginner',
    primary_muscles: ['abductors', 'calves'],
    secondary_muscles: ['abs', 'quadriceps'],
    equipment_needed: ['none'],
    description: 'Standing on one leg to train ankle and hip stability.',
    instructions: steps('Stand near a wall and lift one foot off the floor.', 'Keep the hips level and the standing knee soft for 30 seconds.', 'Switch legs; close the eyes or stand on a cushion to progress.')
  },
  {
    name: 'Single-Leg Romanian Deadlift',
    category: 'balance',
    difficulty_level: 'intermediate',
    primary_muscles: ['hamstrings', 'glutes'],
    secondary_muscles: ['abductors', 'lower_back', 'abs'],
    equipment_needed: ['dumbbell'],
    description: 'A one-leg hip hinge that trains the posterior chain and balance together.',
    instructions: steps('Stand on one leg holding a dumbbell in the opposite hand.', 'Hinge forward while the free leg reaches back, until the torso is near parallel to the floor.', 'Return to standing by driving the hip forward; keep the hips square.')
  },
  {
    name: 'Bird Dog',
    category: 'balance',
    difficulty_level: 'beginner',
    primary_muscles: ['lower_back', 'abs'],
    secondary_muscles: ['glutes', 'shoulders'],
    equipment_needed: ['mat'],
    description: 'Reaching the opposite arm and leg from hands and knees while keeping the trunk still.',
    instructions: steps('Start on hands and knees with a neutral spine.', 'Extend one arm forward and the opposite leg back until both are level with the body.', 'Hold briefly, return and switch sides without rocking the hips.')
  },
  {
    name: 'Step-Up to Balance',
    category: 'balance',
    difficulty_level: 'intermediate',
    primary_muscles: ['quadriceps', 'glutes'],
    secondary_muscles: ['abductors', 'calves'],
    equipment_needed: ['plyo_box'],
    description: 'A step-up that finishes balanced on the working leg, knee of the other leg raised.',
    instructions: steps('Stand facing a box of knee height or lower and place one foot on it.', 'Step up and drive the other knee to hip height, holding the balance for two seconds.', 'Step down with control and repeat before switching legs.')
  }
]
